using System.Collections;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Named values for templates: what a plugin's <c>extra_template_vars</c> returns (Datasette's
/// dictionary; write <c>new TemplateVariables { ["user_agent"] = ... }</c>) and what a page collects
/// from every plugin, in plugin order (a later plugin's value replaces an earlier one's of the same
/// name, as Datasette's dictionary update does). Our templates are compiled Razor, so a template
/// override reads them from its model's chrome (<c>Model.Chrome.Plugins.Variables</c>), typed with
/// <see cref="Get{T}"/>; a value may be a delegate the template calls (Datasette's functions).
/// </summary>
public sealed class TemplateVariables : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private bool _readOnly;

    /// <summary>No variables (what a page has when no plugin adds any); read-only.</summary>
    public static TemplateVariables Empty { get; } = new TemplateVariables().AsReadOnly();

    public int Count => _values.Count;

    /// <summary>The named value, or null when there is none; setting replaces it.</summary>
    public object? this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => Add(name, value);
    }

    /// <summary>Sets a value; a page's collected variables are read-only, so one template cannot change what another sees.</summary>
    public void Add(string name, object? value)
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("A page's template variables are read-only.");
        }
        _values[name] = value;
    }

    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The named value when there is one of type <typeparamref name="T"/>, else <paramref name="fallback"/>.</summary>
    public T? Get<T>(string name, T? fallback = default) => _values.TryGetValue(name, out var value) && value is T typed ? typed : fallback;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal TemplateVariables AsReadOnly()
    {
        _readOnly = true;
        return this;
    }
}
