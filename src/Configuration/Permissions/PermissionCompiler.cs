using System.Globalization;
using System.Text;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Permissions;

/// <summary>
/// Turns the allow blocks of a bound configuration into a <see cref="PermissionModel"/>, in the
/// order Datasette's config_permissions_sql visits them: root permissions; then per database its
/// permissions, each table's permissions and allow, each query's permissions and allow, and the
/// database's allow/allow_sql blocks; finally the root allow and allow_sql blocks.
/// </summary>
public static class PermissionCompiler
{
    public static PermissionModel Compile(DatasetteConfig config)
    {
        var compiler = new State();
        compiler.AddPermissions(config.Permissions, null, null, "");
        foreach (var database in config.Databases)
        {
            var db = database.Name;
            compiler.AddPermissions(database.Permissions, db, null, " on " + db);
            foreach (var table in database.Tables)
            {
                compiler.AddPermissions(table.Permissions, db, table.Name, $" on {db}/{table.Name}");
                compiler.AddAllow(table.Allow, "view-table", db, table.Name, $"allow for view-table on {db}/{table.Name}");
            }
            foreach (var query in database.Queries)
            {
                compiler.AddPermissions(query.Permissions, db, query.Name, $" on {db}/{query.Name}");
                compiler.AddAllow(query.Allow, "view-query", db, query.Name, $"allow for view-query on {db}/{query.Name}");
            }
            compiler.AddAllow(database.Allow, "view-database", db, null, "allow for view-database on " + db);
            compiler.AddAllow(database.AllowSql, "execute-sql", db, null, "allow_sql for " + db);
            compiler.AddAllow(database.Allow, "view-table", db, null, "allow for view-table on " + db);
            compiler.AddAllow(database.Allow, "view-query", db, null, "allow for view-query on " + db);
        }
        foreach (var action in new[] { "view-instance", "view-database", "view-table", "view-query" })
        {
            compiler.AddAllow(config.Allow, action, null, null, "allow for " + action);
        }
        compiler.AddAllow(config.AllowSql, "execute-sql", null, null, "allow_sql");
        return compiler.ToModel();
    }

    /// <summary>The model of one allow block node: true/false/1/0 or a mapping of actor keys.</summary>
    public static AllowBlock Block(ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar { Kind: ScalarKind.Boolean } flag:
                return flag.BooleanValue ? AllowBlock.AlwaysBlock : AllowBlock.NeverBlock;
            case ConfigScalar { Kind: ScalarKind.Integer, Text: "1" }:
                return AllowBlock.AlwaysBlock;
            case ConfigScalar { Kind: ScalarKind.Integer, Text: "0" }:
                return AllowBlock.NeverBlock;
            case ConfigMapping mapping:
                return Mapping(mapping);
            default:
                // The binder rejects every other shape; treat anything that slips through as "no match".
                return AllowBlock.NeverBlock;
        }
    }

    private static AllowBlock Mapping(ConfigMapping mapping)
    {
        // Python dict semantics: a repeated key keeps its first position and its last value.
        var order = new List<string>();
        var values = new Dictionary<string, ConfigNode>();
        foreach (var entry in mapping.Entries)
        {
            if (!values.ContainsKey(entry.Key))
            {
                order.Add(entry.Key);
            }
            values[entry.Key] = entry.Value;
        }
        var keys = new List<AllowKey>();
        var json = new StringBuilder("{");
        foreach (var key in order)
        {
            var node = values[key];
            if (json.Length > 1)
            {
                json.Append(", ");
            }
            JsonString(json, key);
            json.Append(": ");
            var literals = new List<AllowValue>();
            var anyValue = false;
            switch (node)
            {
                case ConfigSequence sequence:
                    json.Append('[');
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        if (i > 0)
                        {
                            json.Append(", ");
                        }
                        if (sequence.Items[i] is ConfigScalar item && Literal(item) is { } literal)
                        {
                            literals.Add(literal);
                            JsonValue(json, item);
                        }
                    }
                    json.Append(']');
                    break;
                case ConfigScalar scalar:
                    anyValue = scalar.Kind == ScalarKind.String && scalar.Text == "*";
                    if (Literal(scalar) is { } single)
                    {
                        literals.Add(single);
                    }
                    JsonValue(json, scalar);
                    break;
                default:
                    json.Append("null");
                    break;
            }
            keys.Add(new AllowKey(key, anyValue, literals.ToEquatableArray()));
        }
        json.Append('}');
        var unauthenticated = values.TryGetValue("unauthenticated", out var flag) && flag is ConfigScalar { Kind: ScalarKind.Boolean, BooleanValue: true };
        return new AllowBlock(AllowBlockKind.Keys, keys.ToEquatableArray(), unauthenticated, json.ToString());
    }

    private static AllowValue? Literal(ConfigScalar scalar) => scalar.Kind switch
    {
        ScalarKind.String => new AllowValue(AllowValueKind.String, scalar.Text),
        ScalarKind.Boolean => new AllowValue(AllowValueKind.Integer, scalar.BooleanValue ? "1" : "0"),
        ScalarKind.Integer => new AllowValue(AllowValueKind.Integer, scalar.Text),
        ScalarKind.Float => new AllowValue(AllowValueKind.Float, scalar.FloatValue.ToString("R", CultureInfo.InvariantCulture)),
        _ => null,
    };

    private static void JsonValue(StringBuilder json, ConfigScalar scalar)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String:
                JsonString(json, scalar.Text);
                break;
            case ScalarKind.Null:
                json.Append("null");
                break;
            default:
                json.Append(scalar.Text);
                break;
        }
    }

    private static void JsonString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                default:
                    if (c < 0x20)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }
                    break;
            }
        }
        json.Append('"');
    }

    private sealed class State
    {
        private readonly List<AllowBlock> _blocks = new();
        private readonly Dictionary<AllowBlock, int> _index = new();
        private readonly List<PermissionRule> _rules = new();

        public void AddPermissions(EquatableArray<PermissionConfig> permissions, string? parent, string? child, string on)
        {
            // permissions: {action: block} — a repeated action keeps its first position and last block.
            var seen = new Dictionary<string, int>();
            foreach (var permission in permissions)
            {
                var rule = new PermissionRule(permission.Action, parent, child, BlockIndex(permission.Allow), PermissionRuleKind.PermissionsBlock,
                    $"permissions for {permission.Action}{on}");
                if (seen.TryGetValue(permission.Action, out var at))
                {
                    _rules[at] = rule;
                    continue;
                }
                seen[permission.Action] = _rules.Count;
                _rules.Add(rule);
            }
        }

        public void AddAllow(ConfigNode? allow, string action, string? parent, string? child, string scope)
        {
            if (allow is null or ConfigScalar { Kind: ScalarKind.Null })
            {
                return;
            }
            _rules.Add(new PermissionRule(action, parent, child, BlockIndex(allow), PermissionRuleKind.AllowBlock, scope));
        }

        public PermissionModel ToModel() => new(_blocks.ToEquatableArray(), _rules.ToEquatableArray());

        private int BlockIndex(ConfigNode node)
        {
            var block = Block(node);
            if (!_index.TryGetValue(block, out var index))
            {
                index = _blocks.Count;
                _blocks.Add(block);
                _index[block] = index;
            }
            return index;
        }
    }
}
