namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The operators of the filter form (read-api.md §5.2) with their labels; an operator that takes
/// no value is submitted as <c>op__1</c>, as Datasette's form does.
/// </summary>
internal static class FilterOperators
{
    internal sealed record Operator(string Key, string Label, bool TakesValue)
    {
        public string Value { get; } = TakesValue ? Key : Key + "__1";
    }

    public static readonly IReadOnlyList<Operator> All =
    [
        new("exact", "=", true),
        new("not", "!=", true),
        new("contains", "contains", true),
        new("notcontains", "does not contain", true),
        new("endswith", "ends with", true),
        new("startswith", "starts with", true),
        new("gt", ">", true),
        new("gte", "\u2265", true),
        new("lt", "<", true),
        new("lte", "\u2264", true),
        new("like", "like", true),
        new("notlike", "not like", true),
        new("glob", "glob", true),
        new("in", "in", true),
        new("notin", "not in", true),
        new("arraycontains", "array contains", true),
        new("arraynotcontains", "array does not contain", true),
        new("date", "date", true),
        new("isnull", "is null", false),
        new("notnull", "is not null", false),
        new("isblank", "is blank", false),
        new("notblank", "is not blank", false),
    ];

    /// <summary>
    /// The new filter's operator options, <c>&lt;option value="…"&gt;label&lt;/option&gt;</c> a line each, encoded by the
    /// pages' encoder into UTF-8 once: every table page writes the same list, which took a hundred small writes.
    /// </summary>
    public static readonly byte[] OptionsUtf8 = System.Text.Encoding.UTF8.GetBytes(string.Concat(All.Select(op =>
        "<option value=\"" + HtmlResponse.Encoder.Encode(op.Value) + "\">" + HtmlResponse.Encoder.Encode(op.Label) + "</option>\n")));
}
