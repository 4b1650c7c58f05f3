-- The 2020-level thresholds with the 75 % tier (830.000 / 1.630.000 / 2.050.000 kr.) came with
-- L 197 (2019-20), lov om ændring af lov om social service (tilpasning af den centrale
-- refusionsordning), which took effect on 1 January 2021 (§ 2, stk. 1). Until then § 176 had two
-- tiers (and § 176 a). The row shipped as valid from 2020-01-01 therefore moves to 2021-01-01;
-- only the shipped row is touched (an administrator's own rows stay as entered).
UPDATE reimbursement_thresholds
   SET valid_from = '2021-01-01',
       source = 'Serviceloven §176 som ændret ved L 197 (2019-20), i kraft 1.1.2021, 2020-niveau (830.000 / 1.630.000 / 2.050.000 kr.)'
 WHERE valid_from = '2020-01-01' AND t25_ore = 83000000 AND t50_ore = 163000000
   AND t75_ore = 205000000
   AND NOT EXISTS (SELECT 1 FROM reimbursement_thresholds WHERE valid_from = '2021-01-01');
