namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// What the request whose work runs on this async flow allows: the pipeline enters it once per
/// request. Its abort token reaches every connection's progress handler, so a query whose client has
/// gone away gives its read connection back at once (a token rather than sqlite3_interrupt from
/// another thread: by the time a callback ran, the connection might already serve another request).
/// Its response budget (max_response_mb) bounds the page a view buffers before sending it.
/// One value for both, so a request sets the flow's context once.
/// </summary>
internal static class RequestScope
{
    private static readonly AsyncLocal<Limits?> Current = new();

    /// <summary>The token of the request on this flow, or <see cref="CancellationToken.None"/>.</summary>
    public static CancellationToken Aborted => Current.Value?.Aborted ?? CancellationToken.None;

    /// <summary>Bytes a buffered page may hold on this flow; 0 means no limit.</summary>
    public static long MaxResponseBytes => Current.Value?.MaxResponseBytes ?? 0;

    /// <summary>Ties the work on this flow, until the scope is disposed, to a request's token and budget.</summary>
    public static Scope Enter(CancellationToken aborted, long maxResponseBytes)
    {
        var previous = Current.Value;
        Current.Value = new Limits(aborted, maxResponseBytes);
        return new Scope(previous);
    }

    internal sealed record Limits(CancellationToken Aborted, long MaxResponseBytes);

    /// <summary>Restores the enclosing scope (a struct: <c>using</c> disposes it without an allocation).</summary>
    internal readonly struct Scope : System.IDisposable
    {
        private readonly Limits? _previous;

        internal Scope(Limits? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}
