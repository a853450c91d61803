using System.Globalization;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>How long SQL that a request influences may run.</summary>
internal static class TimeLimits
{
    /// <summary>
    /// Datasette's rule for a custom limit (<c>_timelimit</c>, facet_time_limit_ms…): it is used only
    /// when it is non-zero and below <paramref name="configuredMs"/> (sql_time_limit_ms), so it can
    /// lower the limit, never lift it (<c>_timelimit=0</c> used to mean "no limit").
    /// </summary>
    public static int Effective(int configuredMs, int customMs) => customMs != 0 && customMs < configuredMs ? customMs : configuredMs;

    /// <inheritdoc cref="Effective(int, int)"/>
    public static int Effective(int configuredMs, string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return configuredMs;
        }
        if (!long.TryParse(requested, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
        {
            throw DatasetteHttpException.BadRequest("_timelimit must be an integer");
        }
        return value != 0 && value < configuredMs ? (int)System.Math.Max(value, -1) : configuredMs;
    }
}
