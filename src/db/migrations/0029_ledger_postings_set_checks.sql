-- A ledger import writes up to millions of postings in one statement. The two foreign keys of
-- ledger_postings checked every row on its own (one lookup and one row lock per posting: about
-- half of a 1.000.000-line import); the same guarantee is now kept once per statement, over the
-- distinct imports and units the statement wrote (a handful), and on the referenced side by a
-- check before a unit or an import is deleted. The index on import_id alone is dropped: the one
-- on (import_id, posted_on) serves every lookup by import.

ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_import_id_fkey;
ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_unit_id_fkey;
DROP INDEX ledger_postings_import_idx;

-- After each statement that wrote postings: the imports and units they name exist, locked as a
-- foreign key locks them (FOR KEY SHARE) until the transaction ends, so neither can be deleted
-- meanwhile. Raises the foreign key violation (23503) the constraints raised.
CREATE FUNCTION ledger_postings_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  PERFORM 1 FROM ledger_imports i
    WHERE i.id IN (SELECT DISTINCT n.import_id FROM new_postings n) FOR KEY SHARE;
  PERFORM 1 FROM units u
    WHERE u.id IN (SELECT DISTINCT n.unit_id FROM new_postings n) FOR KEY SHARE;
  SELECT n.import_id::text INTO missing FROM (SELECT DISTINCT import_id FROM new_postings) n
    WHERE NOT EXISTS (SELECT 1 FROM ledger_imports i WHERE i.id = n.import_id) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE foreign_key_violation USING
      MESSAGE = format('ledger posting names import %s, which does not exist', missing),
      CONSTRAINT = 'ledger_postings_import_id_fkey', TABLE = 'ledger_postings';
  END IF;
  SELECT n.unit_id::text INTO missing FROM (SELECT DISTINCT unit_id FROM new_postings) n
    WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE foreign_key_violation USING
      MESSAGE = format('ledger posting names unit %s, which does not exist', missing),
      CONSTRAINT = 'ledger_postings_unit_id_fkey', TABLE = 'ledger_postings';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_postings_references_insert
  AFTER INSERT ON ledger_postings REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_check_references();
CREATE TRIGGER ledger_postings_references_update
  AFTER UPDATE ON ledger_postings REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_check_references();

-- The referenced side: a unit or an import with postings is not deleted (nor its id changed).
CREATE FUNCTION ledger_postings_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'units' THEN
    IF EXISTS (SELECT 1 FROM ledger_postings p WHERE p.unit_id = OLD.id) THEN
      RAISE foreign_key_violation USING
        MESSAGE = format('unit %s still has ledger postings', OLD.id),
        CONSTRAINT = 'ledger_postings_unit_id_fkey', TABLE = 'ledger_postings';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM ledger_postings p WHERE p.import_id = OLD.id) THEN
    RAISE foreign_key_violation USING
      MESSAGE = format('ledger import %s still has postings', OLD.id),
      CONSTRAINT = 'ledger_postings_import_id_fkey', TABLE = 'ledger_postings';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_postings_keep_unit
  BEFORE DELETE OR UPDATE OF id ON units
  FOR EACH ROW EXECUTE FUNCTION ledger_postings_keep_referenced();
CREATE TRIGGER ledger_postings_keep_import
  BEFORE DELETE OR UPDATE OF id ON ledger_imports
  FOR EACH ROW EXECUTE FUNCTION ledger_postings_keep_referenced();
