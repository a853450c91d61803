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

    /// <summary>The request's scope on this flow, or null outside a request; keep it to read <see cref="Limits.AnswerVaries"/> later.</summary>
    public static Limits? Now => Current.Value;

    /// <summary>
    /// Marks the answer being made on this flow as one that the next identical request may not
    /// get: a time limit cut some of its work short (a facet, a count, a suggestion), or its SQL
    /// called a function whose result is not fixed by the data (random(), the clock).
    /// </summary>
    public static void NoteAnswerVaries()
    {
        if (Current.Value is { } limits)
        {
            limits.AnswerVaries = true;
        }
    }

    internal sealed class Limits(CancellationToken aborted, long maxResponseBytes)
    {
        public CancellationToken Aborted { get; } = aborted;

        public long MaxResponseBytes { get; } = maxResponseBytes;

        // Written by the request's queries, which may run on parallel tasks of its flow.
        private volatile bool _answerVaries;

        public bool AnswerVaries
        {
            get => _answerVaries;
            set => _answerVaries = value;
        }

        // The content version the request names its answer and derived results by, read once per database:
        // each read is a data_version transaction, and reading it at the request's first use still
        // names no newer data than the queries that follow read.
        private volatile DerivedVersion? _derivedVersion;

        /// <summary><paramref name="database"/>'s content version as this request first read it (its tag, its kept results).</summary>
        public string? ContentVersionOf(Database database)
        {
            if (_derivedVersion is { } kept && ReferenceEquals(kept.Database, database))
            {
                return kept.Version;
            }
            var version = database.ContentVersion();
            _derivedVersion = new DerivedVersion(database, version);
            return version;
        }

        private sealed record DerivedVersion(Database Database, string? Version);
    }

    /// <summary>Restores the enclosing scope (a struct: <c>using</c> disposes it without an allocation).</summary>
    internal readonly struct Scope : System.IDisposable
    {
        private readonly Limits? _previous;

        internal Scope(Limits? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}
