namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Ambient permission state of the code running now: the current request's memo (so repeated
/// checks in one request run their SQL once and nothing outlives the request) and the
/// skip-permission-checks flag of <c>datasette.client</c>-style internal requests.
/// </summary>
internal static class PermissionScope
{
    private static readonly AsyncLocal<RequestPermissionCache?> CurrentCache = new();
    private static readonly AsyncLocal<bool> Skipping = new();

    /// <summary>True while permission checks are bypassed (every check allows, listings list everything).</summary>
    public static bool SkipChecks => Skipping.Value;

    internal static RequestPermissionCache? Cache => Skipping.Value ? null : CurrentCache.Value;

    /// <summary>Starts a fresh per-request memo for the code that follows (in this async flow).</summary>
    public static void BeginRequest() => CurrentCache.Value = new RequestPermissionCache();

    /// <summary>Bypasses permission checks until the returned scope is disposed.</summary>
    public static IDisposable Skip()
    {
        var previous = Skipping.Value;
        Skipping.Value = true;
        return new Restore(() => Skipping.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }
}
