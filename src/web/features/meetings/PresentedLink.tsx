import { Link } from 'react-router';
import { objectLink } from '../../object-links';

/** What was presented to the committee (a status report or an action plan), linked to its page. */
export function PresentedLink(props: { objectType: string; objectId: string; title: string }) {
  const to = objectLink(props.objectType, props.objectId);
  return to ? <Link to={to}>{props.title}</Link> : <>{props.title}</>;
}
