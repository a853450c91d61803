using System.Globalization;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// The deployment's templates/*.cshtml: recognised among the AdditionalFiles (where the Razor SDK
/// puts every .cshtml it compiles), named as Datasette names its templates, and checked against the
/// databases, tables and queries the deployment knows. The Razor compiler, not this generator,
/// compiles them: a syntax or type error in one is its error, at the file's line.
/// </summary>
internal static class TemplateFiles
{
    private const string Extension = ".cshtml";

    /// <summary>A direct child of a folder named templates; Razor's own _ViewImports/_ViewStart are not templates.</summary>
    public static bool IsTemplate(string path)
    {
        if (!path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var folder = Path.GetFileName(Path.GetDirectoryName(path) ?? "");
        var name = Path.GetFileNameWithoutExtension(path);
        return folder == "templates" && name != "_ViewImports" && name != "_ViewStart";
    }

    public static TemplateFile Read(AdditionalText text, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        // The Razor SDK names the class after the file's project-relative TargetPath; a file outside the
        // project (DatasetteConfigDirectory elsewhere) gets its Link, templates/NAME.cshtml.
        var targetPath = options.GetOptions(text).TryGetValue("build_metadata.AdditionalFiles.TargetPath", out var target) && target.Length > 0
            ? DecodeTargetPath(target)
            : "templates/" + Path.GetFileName(text.Path);
        var content = text.GetText(cancellationToken)?.ToString() ?? "";
        return new TemplateFile(text.Path, Path.GetFileNameWithoutExtension(text.Path), RazorClassName(targetPath), InheritsLine(content));
    }

    /// <summary>
    /// The names allowed: each file whose name is one Datasette would consider becomes an override;
    /// the others are errors at the file. With a schema snapshot, a name must spell an existing
    /// database/table (or a configured query) through Datasette's to_css_class.
    /// </summary>
    public static TemplatesOutcome Check(EquatableArray<TemplateFile> files, DeploymentModel model, SnapshotInput snapshot)
    {
        var known = snapshot.Snapshot is null ? null : KnownNames.Of(model, snapshot.Snapshot);
        var overrides = new List<TemplateOverride>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var file in files.OrderBy(f => f.FilePath, StringComparer.Ordinal))
        {
            var (kind, subject) = Split(file.Stem);
            var modelType = kind is null ? null : ModelOf(kind);
            var at = SourceSpan.None(file.FilePath);
            if (modelType is null)
            {
                diagnostics.Add(DiagnosticInfo.From(ConfigDiagnostic.Create(GeneratorCatalog.UnknownTemplateName, at, file.Stem + Extension), file.FilePath));
                continue;
            }
            if (subject is not null && known is not null && !known.Allows(kind!, subject))
            {
                diagnostics.Add(DiagnosticInfo.From(ConfigDiagnostic.Create(GeneratorCatalog.TemplateForUnknownResource, at, file.Stem + Extension, subject, Expected(kind!)), file.FilePath));
                continue;
            }
            overrides.Add(new TemplateOverride(file.Stem + ".html", modelType, file.ClassName, file.FilePath, file.InheritsLine));
        }
        return new TemplatesOutcome(
            overrides.OrderBy(o => o.Name, StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    /// <summary>"table-fixtures-facetable" → ("table", "fixtures-facetable"); "index" → ("index", null); "404" → ("error", null).</summary>
    private static (string? Kind, string? Subject) Split(string stem)
    {
        if (ModelOf(stem) is not null)
        {
            return (stem, null);
        }
        if (IsErrorStatus(stem))
        {
            return ("error", null);
        }
        foreach (var kind in new[] { "_table", "database", "table", "row", "query" })
        {
            if (stem.Length > kind.Length + 1 && stem.StartsWith(kind + "-", StringComparison.Ordinal))
            {
                return (kind, stem.Substring(kind.Length + 1));
            }
        }
        return (null, null);
    }

    /// <summary>Datasette's error page tries <c>STATUS.html</c> (4xx, 5xx) before <c>error.html</c>.</summary>
    private static bool IsErrorStatus(string stem) =>
        stem.Length == 3 && (stem[0] == '4' || stem[0] == '5') && char.IsDigit(stem[1]) && char.IsDigit(stem[2]);

    /// <summary>The model interface of each template Datasette.Gen lets a deployment override (the runtime's TemplateNames.ModelOf holds the same table).</summary>
    private static string? ModelOf(string kind) => kind switch
    {
        "index" => "IIndexPage",
        "database" => "IDatabasePage",
        "table" => "ITablePage",
        "row" => "IRowPage",
        "query" => "IQueryPage",
        "_table" => "IRowsTable",
        "base" => "IPageLayout",
        "error" => "IErrorPage",
        "show_json" => "IJsonDataPage",
        "logout" => "ILogoutPage",
        "messages_debug" => "IMessagesDebugPage",
        "create_token" => "ICreateTokenPage",
        "allow_debug" => "IAllowDebugPage",
        "debug_actions" => "IActionsDebugPage",
        "debug_allowed" or "debug_rules" or "debug_check" => "IPermissionToolPage",
        "debug_permissions_playground" => "IPermissionsDebugPage",
        "debug_autocomplete" => "IAutocompleteDebugPage",
        "execute_write" => "IExecuteWritePage",
        "query_list" => "IQueryListPage",
        "query_create" or "query_edit" => "IQueryFormPage",
        "query_delete" => "IQueryDeletePage",
        "schema" => "ISchemaPage",
        "api_explorer" => "IApiExplorerPage",
        _ => null,
    };

    private static string Expected(string kind) => kind switch
    {
        "database" => "a database (database-DATABASE)",
        "query" => "a database or one of its configured queries (query-DATABASE, query-DATABASE-QUERY)",
        "_table" => "a table or view (_table-DATABASE-TABLE, _table-table-DATABASE-TABLE, _table-row-DATABASE-TABLE)",
        _ => $"a table or view ({kind}-DATABASE-TABLE)",
    };

    /// <summary>The SDK writes TargetPath in base64 (its workaround for characters the analyzer config cannot carry); a plain path is taken as it is.</summary>
    private static string DecodeTargetPath(string value)
    {
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
            return decoded.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? decoded : value;
        }
        catch (FormatException)
        {
            return value;
        }
    }

    /// <summary>Razor's class name for a view: its path without the extension, every character not allowed in an identifier made '_'.</summary>
    internal static string RazorClassName(string targetPath)
    {
        var path = targetPath.Replace('\\', '/').TrimStart('/');
        if (path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            path = path.Substring(0, path.Length - Extension.Length);
        }
        var builder = new System.Text.StringBuilder(path.Length + 1);
        if (path.Length > 0 && !IsIdentifierStart(path[0]) && IsIdentifierPart(path[0]))
        {
            builder.Append('_');
        }
        foreach (var ch in path)
        {
            builder.Append(IsIdentifierPart(ch) ? ch : '_');
        }
        return builder.ToString();
    }

    private static bool IsIdentifierStart(char ch) =>
        ch == '_' || char.IsLetter(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char ch) => ch == '_' || char.IsLetterOrDigit(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.Format or UnicodeCategory.LetterNumber;

    /// <summary>The 1-based line of the first <c>@inherits</c>, or 1.</summary>
    private static int InheritsLine(string content)
    {
        var line = 1;
        foreach (var text in content.Split('\n'))
        {
            if (text.TrimStart().StartsWith("@inherits", StringComparison.Ordinal))
            {
                return line;
            }
            line++;
        }
        return 1;
    }

    /// <summary>The names a template may spell, through to_css_class, from the snapshot's and the configuration's databases.</summary>
    private sealed class KnownNames
    {
        private readonly HashSet<string> _databases = new(StringComparer.Ordinal);
        private readonly HashSet<string> _tables = new(StringComparer.Ordinal);
        private readonly HashSet<string> _queries = new(StringComparer.Ordinal);

        public static KnownNames Of(DeploymentModel model, SchemaSnapshot snapshot)
        {
            var known = new KnownNames();
            foreach (var database in snapshot.Databases)
            {
                var db = CssClassName.Sanitise(database.Name);
                known._databases.Add(db);
                foreach (var table in database.Tables)
                {
                    known._tables.Add(db + "-" + CssClassName.Sanitise(table.Name));
                }
            }
            foreach (var database in model.Config.Databases)
            {
                var db = CssClassName.Sanitise(database.Name);
                known._databases.Add(db);
                foreach (var query in database.Queries)
                {
                    known._queries.Add(db + "-" + CssClassName.Sanitise(query.Name));
                }
            }
            return known;
        }

        public bool Allows(string kind, string subject) => kind switch
        {
            "database" => _databases.Contains(subject),
            "query" => _databases.Contains(subject) || _queries.Contains(subject),
            "_table" => _tables.Contains(subject)
                || (subject.StartsWith("table-", StringComparison.Ordinal) && _tables.Contains(subject.Substring("table-".Length)))
                || (subject.StartsWith("row-", StringComparison.Ordinal) && _tables.Contains(subject.Substring("row-".Length))),
            _ => _tables.Contains(subject),
        };
    }
}
