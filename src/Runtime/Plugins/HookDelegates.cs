using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Tokens;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Plugins;

// The shape every implementation of a hook is adapted to by the generated wiring, whether it is
// an interface method or a [DatasetteHook] method taking fewer parameters or returning less.

public delegate ValueTask StartupHook(Datasette datasette);

public delegate void PrepareConnectionHook(SqliteConnection connection, Database database, Datasette datasette);

public delegate ValueTask<JsonObject?> ActorFromRequestHook(Datasette datasette, DatasetteRequest request);

public delegate IEnumerable<PermissionSql>? PermissionResourcesSqlHook(Datasette datasette, JsonObject? actor, string action);

public delegate IEnumerable<PluginRoute>? RegisterRoutesHook(Datasette datasette);

public delegate IEnumerable<ColumnType>? RegisterColumnTypesHook(Datasette datasette);

public delegate IEnumerable<ITokenHandler>? RegisterTokenHandlerHook(Datasette datasette);

public delegate ValueTask<IReadOnlyDictionary<ActorId, JsonObject>?> ActorsFromIdsHook(Datasette datasette, IReadOnlyList<ActorId> actorIds);

public delegate ValueTask TrackEventHook(Datasette datasette, DatasetteEvent datasetteEvent);

/// <summary>One plugin's implementation of a hook.</summary>
public sealed record HookImplementation<T>(string Plugin, T Invoke);
