using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Endpoints;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    private readonly List<string> _startupWarnings = new();
    private readonly SemaphoreSlim _startupLock = new(1, 1);
    private IReadOnlyList<Route>? _routes;
    private volatile bool _started;

    /// <summary>The deployment's plugins and their hooks, as the generator wired them.</summary>
    public PluginRegistry Plugins { get; }

    /// <summary>Every route in match order: the plugins' (register_routes) first, then Datasette's own.</summary>
    internal IReadOnlyList<Route> Routes => _routes ??= DatasetteRoutes.Bind(this);

    /// <summary>What start-up reported without failing (e.g. a configured column type that could not be applied).</summary>
    public IReadOnlyList<string> StartupWarnings => _startupWarnings;

    /// <summary>
    /// Runs start-up once (Datasette's <c>invoke_startup</c>): refreshes the catalog, applies the
    /// configuration's <c>column_types</c>, then calls every plugin's <c>startup</c> hook. The server
    /// calls it before listening; <see cref="Client"/> calls it before its first request.
    /// </summary>
    public async Task InvokeStartupAsync()
    {
        if (_started)
        {
            return;
        }
        await _startupLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_started)
            {
                return;
            }
            await RefreshCatalogAsync(force: true).ConfigureAwait(false);
            await ApplyConfiguredColumnTypesAsync().ConfigureAwait(false);
            foreach (var hook in Plugins.Startup)
            {
                await hook.Invoke(this).ConfigureAwait(false);
            }
            _started = true;
        }
        finally
        {
            _startupLock.Release();
        }
    }

    /// <summary>
    /// Actors for ids (Datasette's <c>actors_from_ids</c>): the first plugin answer that is not null,
    /// else <c>{"id": id}</c> for each id, keeping its type.
    /// </summary>
    public async Task<IReadOnlyDictionary<ActorId, JsonObject>> ActorsFromIdsAsync(IEnumerable<ActorId> actorIds)
    {
        var ids = new List<ActorId>(actorIds);
        foreach (var hook in Plugins.ActorsFromIds)
        {
            if (await hook.Invoke(this, ids).ConfigureAwait(false) is { } actors)
            {
                return actors;
            }
        }
        var defaults = new Dictionary<ActorId, JsonObject>();
        foreach (var id in ids)
        {
            defaults[id] = new JsonObject { ["id"] = id.ToJson() };
        }
        return defaults;
    }

    /// <summary>
    /// Passes <paramref name="datasetteEvent"/> to every plugin's <c>track_event</c> hook, in order, awaiting each;
    /// <see cref="ArgumentException"/> for an event whose type is not in <see cref="EventTypes"/>.
    /// </summary>
    public async Task TrackEventAsync(DatasetteEvent datasetteEvent)
    {
        ArgumentNullException.ThrowIfNull(datasetteEvent);
        CheckEventType(datasetteEvent);
        foreach (var hook in Plugins.TrackEvent)
        {
            await hook.Invoke(this, datasetteEvent).ConfigureAwait(false);
        }
    }

    /// <summary>The value of a setting by its Datasette name (a long, bool or string), or null for unknown names.</summary>
    public object? Setting(string key) =>
        Configuration.Model.SettingDefinition.TryGet(key, out _) ? Settings.Get(key) : null;

    /// <summary>Wires the plugins' hooks into the extension points the built-in behaviour uses too.</summary>
    private void InstallPlugins()
    {
        InstallApiPlugins();
        var actorSources = new List<IActorSource>();
        foreach (var hook in Plugins.ActorFromRequest)
        {
            actorSources.Add(new PluginActorSource(hook.Invoke));
        }
        ActorSources.InsertRange(0, actorSources);

        var permissionSources = new List<IPermissionSource>();
        foreach (var hook in Plugins.PermissionResourcesSql)
        {
            permissionSources.Add(new PluginPermissionSource(this, hook.Plugin, hook.Invoke));
        }
        Permissions.Sources.InsertRange(0, permissionSources);

        foreach (var hook in Plugins.RegisterTokenHandler)
        {
            foreach (var handler in hook.Invoke(this) ?? Array.Empty<Tokens.ITokenHandler>())
            {
                TokenHandlers.Add(handler);
            }
        }

        foreach (var type in BuiltInColumnTypes.All)
        {
            RegisterColumnType(type);
        }
        foreach (var hook in Plugins.RegisterColumnTypes)
        {
            foreach (var type in hook.Invoke(this) ?? Array.Empty<ColumnType>())
            {
                RegisterColumnType(type);
            }
        }

        if (Plugins.RegisterRoutes.Count > 0)
        {
            var routes = new List<Route>();
            foreach (var hook in Plugins.RegisterRoutes)
            {
                foreach (var route in hook.Invoke(this) ?? Array.Empty<PluginRoute>())
                {
                    routes.Add(route.ToRoute(hook.Plugin, this));
                }
            }
            routes.AddRange(DatasetteRoutes.Bind(this));
            _routes = routes;
        }

        InstallServerHooks();
    }

    private sealed class PluginActorSource(ActorFromRequestHook hook) : IActorSource
    {
        public ValueTask<JsonObject?> ActorFromRequestAsync(Datasette datasette, DatasetteRequest request) => hook(datasette, request);
    }

    private sealed class PluginPermissionSource(Datasette datasette, string plugin, PermissionResourcesSqlHook hook) : IPermissionSource
    {
        public string Name => plugin;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            if (hook(datasette, request.Actor, request.Action.Name) is { } rules)
            {
                contributions.AddRange(rules);
            }
        }
    }
}
