/** A polite status line for "saved" messages, read out by screen readers. */
export function Status({ text }: { text: string }) {
  return (
    <p role="status" className="admin-status">
      {text}
    </p>
  );
}
