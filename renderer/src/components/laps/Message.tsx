/** A message next to the control it is about: an error (role=alert) or a note (role=status). */
import { useLapsStore, type LapMessageArea } from '../../laps/store.ts';

export function InlineMessage({ text, tone, testId }: { text: string; tone: 'error' | 'info'; testId?: string }) {
  return (
    <p className={`inline-message is-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {text}
    </p>
  );
}

export function AreaMessage({ area }: { area: LapMessageArea }) {
  const message = useLapsStore((s) => s.messages[area]);
  if (!message) return null;
  return <InlineMessage text={message.text} tone={message.tone} testId={`lap-message-${area}`} />;
}
