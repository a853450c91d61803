using System.Globalization;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>One logged permission check, as /-/permissions shows it.</summary>
internal sealed record PermissionCheck(DateTime At, JsonObject? Actor, string Action, string? Parent, string? Child, bool Result)
{
    /// <summary>The time as Datasette shows it: formatted when the log is read, not on every check a page makes.</summary>
    public string When => At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}

/// <summary>The most recent permission checks, for <c>/-/permissions</c>: a ring of the last 200, shared by every request.</summary>
internal sealed class PermissionCheckLog
{
    public const int Capacity = 200;

    private readonly PermissionCheck[] _ring = new PermissionCheck[Capacity];
    private int _next;
    private int _count;

    /// <summary>The logged checks, oldest first.</summary>
    public IReadOnlyList<PermissionCheck> Recent
    {
        get
        {
            lock (_ring)
            {
                var recent = new List<PermissionCheck>(_count);
                for (var i = _count; i > 0; i--)
                {
                    recent.Add(_ring[(_next - i + Capacity) % Capacity]);
                }
                return recent;
            }
        }
    }

    /// <summary>Logs one check of an action that requires no other.</summary>
    public void Record(JsonObject? actor, ActionDefinition action, bool verdict, string? parent, string? child)
    {
        var when = DateTime.UtcNow;
        lock (_ring)
        {
            Add(new PermissionCheck(when, actor, action.Name, parent, child, verdict));
        }
    }

    /// <summary>Logs one check of an action that requires one other: the required action first, as Datasette decides them.</summary>
    public void Record(JsonObject? actor, ActionDefinition required, bool requiredVerdict, ActionDefinition action, bool verdict, string? parent, string? child)
    {
        var when = DateTime.UtcNow;
        lock (_ring)
        {
            Add(new PermissionCheck(when, actor, required.Name, parent, child, requiredVerdict));
            Add(new PermissionCheck(when, actor, action.Name, parent, child, verdict));
        }
    }

    private void Add(PermissionCheck check)
    {
        _ring[_next] = check;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>Logs one check of <paramref name="actions"/> (an action then what it also requires): dependencies first, as Datasette decides them.</summary>
    public void Record(JsonObject? actor, List<ActionDefinition> actions, string? parent, string? child, Dictionary<string, bool> verdicts)
    {
        var when = DateTime.UtcNow;
        lock (_ring)
        {
            for (var i = actions.Count - 1; i >= 0; i--)
            {
                Add(new PermissionCheck(when, actor, actions[i].Name, parent, child, verdicts[actions[i].Name]));
            }
        }
    }
}
