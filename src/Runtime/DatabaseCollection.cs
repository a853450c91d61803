using System.Collections;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime;

/// <summary>
/// <c>datasette.databases</c>: the attached databases in order, also looked up by name (Datasette's
/// ordered mapping name → Database). Immutable: adding or removing a database replaces the
/// collection, so iterating one is always safe.
/// </summary>
public sealed class DatabaseCollection : IReadOnlyList<Database>
{
    private readonly Database[] _items;

    internal DatabaseCollection(Database[] items) => _items = items;

    internal static DatabaseCollection Empty { get; } = new(Array.Empty<Database>());

    public int Count => _items.Length;

    public Database this[int index] => _items[index];

    /// <summary>The database named <paramref name="name"/>; <see cref="KeyNotFoundException"/> when none is.</summary>
    public Database this[string name] => TryGetValue(name, out var database) ? database : throw new KeyNotFoundException(name);

    /// <summary>The names, in order (the mapping's keys).</summary>
    public IEnumerable<string> Names
    {
        get
        {
            foreach (var database in _items)
            {
                yield return database.Name;
            }
        }
    }

    public bool ContainsKey(string name) => TryGetValue(name, out _);

    public bool TryGetValue(string name, out Database database)
    {
        foreach (var candidate in _items)
        {
            if (candidate.Name == name)
            {
                database = candidate;
                return true;
            }
        }
        database = null!;
        return false;
    }

    public IEnumerator<Database> GetEnumerator() => ((IEnumerable<Database>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal DatabaseCollection Add(Database database, bool first)
    {
        var items = new Database[_items.Length + 1];
        if (first)
        {
            items[0] = database;
            _items.CopyTo(items, 1);
        }
        else
        {
            _items.CopyTo(items, 0);
            items[^1] = database;
        }
        return new DatabaseCollection(items);
    }

    internal DatabaseCollection Remove(Database database) => new(Array.FindAll(_items, d => !ReferenceEquals(d, database)));
}
