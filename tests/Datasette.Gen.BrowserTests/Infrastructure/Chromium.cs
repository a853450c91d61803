namespace Datasette.Gen.BrowserTests.Infrastructure;

/// <summary>
/// The browser: Debian's chromium, launched by path (Playwright's own browser download cannot
/// reach the network here). DATASETTE_GEN_CHROMIUM names another executable.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("DATASETTE_GEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// Absent chromium skips the browser tests, unless DATASETTE_GEN_REQUIRE_BROWSER=1 (CI sets it):
    /// then they run and fail, so a CI run cannot pass without them.
    /// </summary>
    public static bool Available => File.Exists(ExecutablePath) || Environment.GetEnvironmentVariable("DATASETTE_GEN_REQUIRE_BROWSER") == "1";

    public static string MissingReason =>
        $"chromium not found at {ExecutablePath} (apt-get install -y chromium, or set DATASETTE_GEN_CHROMIUM)";
}

/// <summary>A test that needs the browser: skipped, with the reason, when chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Available)
        {
            Skip = Chromium.MissingReason;
        }
    }
}

/// <summary>As <see cref="BrowserFactAttribute"/>, for theories.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!Chromium.Available)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
