using RazorSlices;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// A deployment's page templates (<c>templates/*.cshtml</c>), by Datasette's override name
/// (<c>table-fixtures-facetable.html</c>), each a factory of the Razor class compiled into the
/// executable. The generator fills it (Deployment.Templates.g.cs); a page consults it before its
/// built-in template, in Datasette's order of precedence (docs/templates.md).
/// </summary>
public sealed class TemplateOverrides
{
    internal static readonly TemplateOverrides None = new();

    private readonly Dictionary<string, Delegate> _factories = new(StringComparer.Ordinal);

    /// <summary>The registered names, as Datasette spells them (<c>index.html</c>, <c>_table.html</c>…).</summary>
    public IReadOnlyCollection<string> Names => _factories.Keys;

    internal bool IsEmpty => _factories.Count == 0;

    /// <summary>
    /// Registers the template for <paramref name="name"/>. <typeparamref name="TPage"/> must be the
    /// model that page gives its template (<see cref="TemplateNames.ModelOf"/>): a mismatch would
    /// otherwise only show when the page is first asked for.
    /// </summary>
    public TemplateOverrides Add<TPage>(string name, Func<TPage, RazorSlice> factory)
        where TPage : class
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (ReferenceEquals(this, None))
        {
            throw new InvalidOperationException("The empty template set cannot be changed.");
        }
        var expected = TemplateNames.ModelOf(name)
            ?? throw new ArgumentException($"'{name}' is not a template name Datasette.Gen can override.", nameof(name));
        if (expected != typeof(TPage))
        {
            throw new ArgumentException($"The template '{name}' is given a {expected.Name}, not a {typeof(TPage).Name}.", nameof(factory));
        }
        if (!_factories.TryAdd(name, factory))
        {
            throw new ArgumentException($"The template '{name}' is already registered.", nameof(name));
        }
        return this;
    }

    internal bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>The override's slice for the model, or null when <paramref name="name"/> is not registered.</summary>
    internal RazorSlice? Create<TPage>(string name, TPage model)
        where TPage : class =>
        _factories.TryGetValue(name, out var factory) ? ((Func<TPage, RazorSlice>)factory)(model) : null;

    /// <summary>
    /// The deployment's rows table of <paramref name="table"/> on a <paramref name="page"/> ("table"
    /// or "row"): <c>_table-DB-TABLE.html</c>, <c>_table-PAGE-DB-TABLE.html</c>, <c>_table.html</c>, the
    /// first registered; null for the built-in one. The one rule for every view of a table's rows
    /// (its page, its row pages, its <c>/-/fragment</c>).
    /// </summary>
    internal RazorSlice? RowsTable(RowsTable rows, string page, string database, string table)
    {
        if (IsEmpty)
        {
            return null;
        }
        foreach (var name in Templates.RowsTable(page, database, table))
        {
            if (Create<IRowsTable>(name, rows) is { } slice)
            {
                return slice;
            }
        }
        return null;
    }

    /// <summary>
    /// The candidates as the "Templates considered" comment shows them, and the override to use:
    /// the first registered candidate wins and takes the star; with none, the list (whose last,
    /// built-in name is starred) is returned unchanged.
    /// </summary>
    internal (IReadOnlyList<string> Considered, string? Chosen) Choose(IReadOnlyList<string> candidates)
    {
        if (IsEmpty)
        {
            return (candidates, null);
        }
        foreach (var candidate in candidates)
        {
            var name = candidate.TrimStart('*');
            if (Contains(name))
            {
                var considered = candidates.Select(c => c.TrimStart('*')).Select(c => c == name ? "*" + c : c).ToList();
                return (considered, name);
            }
        }
        return (candidates, null);
    }
}
