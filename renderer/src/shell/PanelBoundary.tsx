/**
 * A React error boundary around one part of the window (a side-panel tab, the map, the header): a render error there
 * shows what failed and a Reload button in that part only, and the rest of the app keeps working. Reload mounts the
 * part afresh (its stores keep what was saved); "Reload the window" starts the whole page again.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the part is called on screen, e.g. "Profile" or "map". */
  name: string;
  children: ReactNode;
  /** Told about each error (tests; the console otherwise). */
  onError?: (error: Error, info: ErrorInfo) => void;
}

interface State {
  error: Error | null;
  /** Bumped by Reload so the children mount afresh. */
  attempt: number;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    if (this.props.onError) this.props.onError(error, info);
    else console.error(`LAP Insight: the ${this.props.name} panel failed to show:`, error, info.componentStack);
  }

  private reload = () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (!error) return <PanelKey key={attempt}>{this.props.children}</PanelKey>;
    return (
      <section className="panel-failed" role="alert" data-testid="panel-failed" data-panel-name={this.props.name}>
        <h2>The {this.props.name} panel could not be shown</h2>
        <p>Something in it went wrong. Your LAPs and data are saved; the rest of the window still works.</p>
        <details>
          <summary>What failed</summary>
          <p className="panel-failed-message">{error.message || error.name}</p>
        </details>
        <div className="panel-failed-actions">
          <button type="button" className="button" onClick={this.reload}>
            Reload
          </button>
          <button type="button" className="button button-quiet" onClick={() => window.location.reload()}>
            Reload the window
          </button>
        </div>
      </section>
    );
  }
}

/** A keyed wrapper: a new key on Reload remounts the children. */
function PanelKey({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
