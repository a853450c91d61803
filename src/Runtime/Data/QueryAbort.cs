using System;
using System.Threading;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// The token of the request whose SQL runs on this async flow: the request pipeline enters it once
/// per request, and every connection's progress handler stops the running statement when it fires,
/// so a query whose client has gone away gives its read connection back at once. A token rather
/// than sqlite3_interrupt from another thread: by the time a callback ran, the connection might
/// already serve another request.
/// </summary>
public static class QueryAbort
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>The token of the request on this flow, or <see cref="CancellationToken.None"/>.</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>Ties the SQL run on this flow, until the scope is disposed, to <paramref name="token"/>.</summary>
    public static IDisposable Enter(CancellationToken token)
    {
        var previous = Current.Value;
        Current.Value = token;
        return new Scope(previous);
    }

    private sealed class Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
