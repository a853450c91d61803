using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    /// <summary>
    /// May <paramref name="actor"/> perform <paramref name="action"/> on <paramref name="resource"/>
    /// (null: the instance)? Datasette's <c>allowed()</c>; unknown actions throw.
    /// </summary>
    public Task<bool> AllowedAsync(string action, Resource? resource = null, JsonObject? actor = null) =>
        Task.FromResult(Permissions.Allowed(actor, action, resource?.Parent, resource?.Child));

    /// <summary>Several actions against one resource, resolved in one query (Datasette's <c>allowed_many()</c>).</summary>
    public Task<IReadOnlyDictionary<string, bool>> AllowedManyAsync(IEnumerable<string> actions, Resource? resource = null, JsonObject? actor = null) =>
        Task.FromResult(Permissions.AllowedMany(actor, actions, resource?.Parent, resource?.Child));

    /// <summary>Throws <see cref="ForbiddenException"/> (a 403 whose message is the action name) unless allowed.</summary>
    public async Task EnsurePermissionAsync(string action, Resource? resource = null, JsonObject? actor = null)
    {
        if (!await AllowedAsync(action, resource, actor).ConfigureAwait(false))
        {
            throw new ForbiddenException(action);
        }
    }

    /// <summary>
    /// Can the actor see the resource, and is it private (visible to the actor but not to an
    /// anonymous one)? Not visible is always (false, false).
    /// </summary>
    public async Task<(bool Visible, bool Private)> CheckVisibilityAsync(JsonObject? actor, string action, Resource? resource = null)
    {
        if (!await AllowedAsync(action, resource, actor).ConfigureAwait(false))
        {
            return (false, false);
        }
        return (true, !await AllowedAsync(action, resource, null).ConfigureAwait(false));
    }

    /// <summary>
    /// The SQL Datasette uses to list what the actor may access for an action, with its
    /// parameters; run it against <c>Internal.Database</c>. Columns: parent, child, reason and,
    /// with <paramref name="includeIsPrivate"/>, is_private.
    /// </summary>
    public Task<ResourcesSql> AllowedResourcesSqlAsync(string action, JsonObject? actor = null, string? parent = null, bool includeIsPrivate = false) =>
        Task.FromResult(Permissions.AllowedResourcesSql(actor, action, parent, includeIsPrivate));

    /// <summary>
    /// One page (keyset-paginated, <paramref name="limit"/> clamped to 1–1000) of the resources the
    /// actor may access for <paramref name="action"/>; <see cref="PaginatedResources.AllAsync"/>
    /// walks every page.
    /// </summary>
    public Task<PaginatedResources> AllowedResourcesAsync(string action, JsonObject? actor = null, string? parent = null,
        bool includeIsPrivate = false, bool includeReasons = false, int limit = 100, string? next = null)
    {
        var definition = Permissions.Require(action);
        limit = Math.Clamp(limit, 1, 1000);
        var (sql, parameters) = Permissions.AllowedResourcesSql(actor, action, parent, includeIsPrivate);
        var bound = new Dictionary<string, object?>(parameters);
        if (!string.IsNullOrEmpty(next))
        {
            var parts = next.Split(',');
            if (parts.Length >= 2)
            {
                sql = $"SELECT * FROM (\n{sql}\n) WHERE (parent > :keyset_parent OR (parent = :keyset_parent AND child > :keyset_child)) ORDER BY parent, child";
                bound["keyset_parent"] = TildeEncoding.Decode(parts[0]);
                bound["keyset_child"] = TildeEncoding.Decode(parts[1]);
            }
        }
        sql += "\nLIMIT :limit";
        bound["limit"] = limit + 1;
        var resources = Permissions.Query(sql, bound, reader =>
        {
            var list = new List<Resource>();
            while (reader.Read())
            {
                var resource = Resource.For(definition.Resource, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
                if (includeReasons)
                {
                    resource = resource with { Reasons = Reasons(reader.IsDBNull(2) ? null : reader.GetString(2)) };
                }
                if (includeIsPrivate)
                {
                    resource = resource with { Private = !reader.IsDBNull(3) && reader.GetInt64(3) != 0 };
                }
                list.Add(resource);
            }
            return list;
        });
        string? nextToken = null;
        if (resources.Count > limit)
        {
            resources.RemoveRange(limit, resources.Count - limit);
            var last = resources[^1];
            nextToken = TildeEncoding.Encode(last.Parent ?? "None") + "," + TildeEncoding.Encode(last.Child ?? "None");
        }
        return Task.FromResult(new PaginatedResources(resources, nextToken, token =>
            AllowedResourcesAsync(action, actor, parent, includeIsPrivate, includeReasons, limit, token)));
    }

    /// <summary>The resource an action targets, built from raw parent and child values.</summary>
    public Resource ResourceForAction(string action, string? parent, string? child) =>
        Resource.For(Permissions.Require(action).Resource, parent, child);

    /// <summary>Bypasses every permission check in this async flow until disposed (skip_permission_checks).</summary>
    public IDisposable SkipPermissionChecks() => PermissionScope.Skip();

    private static List<string> Reasons(string? json)
    {
        var reasons = new List<string>();
        if (json is null)
        {
            return reasons;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        reasons.Add(item.GetString()!);
                    }
                }
                return reasons;
            }
        }
        catch (JsonException)
        {
        }
        reasons.Add(json);
        return reasons;
    }
}

/// <summary>A page of allowed resources and the keyset token of the next page (null on the last).</summary>
public sealed class PaginatedResources(IReadOnlyList<Resource> resources, string? next, Func<string, Task<PaginatedResources>> fetch)
{
    public IReadOnlyList<Resource> Resources { get; } = resources;

    public string? Next { get; } = next;

    /// <summary>Every resource of this page and the pages after it, fetched as needed.</summary>
    public async IAsyncEnumerable<Resource> AllAsync()
    {
        var page = this;
        while (true)
        {
            foreach (var resource in page.Resources)
            {
                yield return resource;
            }
            if (page.Next is null)
            {
                yield break;
            }
            page = await fetch(page.Next).ConfigureAwait(false);
        }
    }
}
