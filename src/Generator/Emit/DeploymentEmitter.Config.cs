using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Generator.Emit;

internal static partial class DeploymentEmitter
{
    private static void WriteConfig(SourceWriter writer, DatasetteConfig config)
    {
        if (config == DatasetteConfig.Empty)
        {
            writer.Write(TypeNames.DatasetteConfig + ".Empty");
            return;
        }
        writer.Write("new " + TypeNames.DatasetteConfig);
        WriteArguments(
            writer,
            ("Settings", w => WriteSettings(w, config.Settings)),
            ("Databases", w => WriteArray(w, TypeNames.DatabaseConfig, config.Databases, WriteDatabase)),
            ("Allow", w => WriteNode(w, config.Allow)),
            ("AllowSql", w => WriteNode(w, config.AllowSql)),
            ("Permissions", w => WriteArray(w, TypeNames.PermissionConfig, config.Permissions, WritePermission)),
            ("ExtraCssUrls", w => WriteArray(w, TypeNames.ExtraUrl, config.ExtraCssUrls, WriteExtraUrl)),
            ("ExtraJsUrls", w => WriteArray(w, TypeNames.ExtraUrl, config.ExtraJsUrls, WriteExtraUrl)),
            ("Effective", w => WriteMapping(w, config.Effective)));
    }

    /// <summary>Only the settings that differ from their defaults, in the table's order.</summary>
    private static void WriteSettings(SourceWriter writer, Settings settings)
    {
        if (settings == Settings.Default)
        {
            writer.Write(TypeNames.Settings + ".Default");
            return;
        }
        writer.Write(TypeNames.Settings + ".Default with");
        var members = new List<(string, Action<SourceWriter>)>();
        foreach (var definition in SettingDefinition.All)
        {
            var value = definition.Read(settings);
            if (!Equals(value, definition.Default))
            {
                members.Add((definition.PropertyName, w => w.Write(CSharpLiteral.Value(value))));
            }
        }
        WriteInitializer(writer, members);
    }

    private static void WriteDatabase(SourceWriter writer, DatabaseConfig database)
    {
        writer.Write("new " + TypeNames.DatabaseConfig);
        WriteArguments(
            writer,
            ("Name", w => w.Write(CSharpLiteral.String(database.Name))),
            ("Tables", w => WriteArray(w, TypeNames.TableConfig, database.Tables, WriteTable)),
            ("Queries", w => WriteArray(w, TypeNames.QueryConfig, database.Queries, WriteQuery)),
            ("Allow", w => WriteNode(w, database.Allow)),
            ("AllowSql", w => WriteNode(w, database.AllowSql)),
            ("Permissions", w => WriteArray(w, TypeNames.PermissionConfig, database.Permissions, WritePermission)),
            ("Span", w => w.Write(Span(database.Span))));
    }

    private static void WriteTable(SourceWriter writer, TableConfig table)
    {
        writer.Write($"new {TypeNames.TableConfig}({CSharpLiteral.String(table.Name)}, {Span(table.Span)})");
        var members = new List<(string, Action<SourceWriter>)>();
        AddIf(members, table.Hidden, "Hidden", w => w.Write(CSharpLiteral.Boolean(table.Hidden)));
        AddString(members, "Sort", table.Sort);
        AddString(members, "SortDesc", table.SortDesc);
        AddIf(members, table.Size.HasValue, "Size", w => WritePageSize(w, table.Size!.Value));
        AddIf(members, table.SortableColumns.HasValue, "SortableColumns", w => WriteStrings(w, table.SortableColumns!.Value));
        AddString(members, "LabelColumn", table.LabelColumn);
        AddIf(members, !table.Facets.IsEmpty, "Facets", w => WriteArray(w, TypeNames.FacetConfig, table.Facets, WriteFacet));
        AddIf(members, table.FacetSize.HasValue, "FacetSize", w => WritePageSize(w, table.FacetSize!.Value));
        AddString(members, "FtsTable", table.FtsTable);
        AddString(members, "FtsPk", table.FtsPk);
        AddString(members, "SearchMode", table.SearchMode);
        AddIf(members, !table.ColumnTypes.IsEmpty, "ColumnTypes", w => WriteArray(w, TypeNames.ColumnTypeConfig, table.ColumnTypes, WriteColumnType));
        AddIf(members, table.Allow is not null, "Allow", w => WriteNode(w, table.Allow));
        AddIf(members, !table.Permissions.IsEmpty, "Permissions", w => WriteArray(w, TypeNames.PermissionConfig, table.Permissions, WritePermission));
        WriteInitializer(writer, members);
    }

    private static void WriteQuery(SourceWriter writer, QueryConfig query)
    {
        writer.Write($"new {TypeNames.QueryConfig}({CSharpLiteral.String(query.Name)}, {CSharpLiteral.String(query.Sql)}, {Span(query.Span)})");
        var members = new List<(string, Action<SourceWriter>)>();
        AddString(members, "Title", query.Title);
        AddString(members, "Description", query.Description);
        AddString(members, "DescriptionHtml", query.DescriptionHtml);
        AddIf(members, query.HideSql, "HideSql", w => w.Write(CSharpLiteral.Boolean(query.HideSql)));
        AddString(members, "Fragment", query.Fragment);
        AddIf(members, query.Params.HasValue, "Params", w => WriteStrings(w, query.Params!.Value));
        AddIf(members, query.IsWrite, "IsWrite", w => w.Write(CSharpLiteral.Boolean(query.IsWrite)));
        AddIf(members, !query.IsTrusted, "IsTrusted", w => w.Write(CSharpLiteral.Boolean(query.IsTrusted)));
        AddString(members, "OnSuccessMessage", query.OnSuccessMessage);
        AddString(members, "OnSuccessMessageSql", query.OnSuccessMessageSql);
        AddString(members, "OnSuccessRedirect", query.OnSuccessRedirect);
        AddString(members, "OnErrorMessage", query.OnErrorMessage);
        AddString(members, "OnErrorRedirect", query.OnErrorRedirect);
        AddIf(members, query.Allow is not null, "Allow", w => WriteNode(w, query.Allow));
        AddIf(members, !query.Permissions.IsEmpty, "Permissions", w => WriteArray(w, TypeNames.PermissionConfig, query.Permissions, WritePermission));
        WriteInitializer(writer, members);
    }

    private static void WritePageSize(SourceWriter writer, PageSize size) =>
        writer.Write(size == PageSize.Max
            ? TypeNames.PageSize + ".Max"
            : $"new {TypeNames.PageSize}({CSharpLiteral.Number(size.Rows)}, {CSharpLiteral.Boolean(size.IsMax)})");

    private static void WriteFacet(SourceWriter writer, FacetConfig facet) =>
        writer.Write($"new {TypeNames.FacetConfig}({TypeNames.FacetType}.{facet.Type}, {CSharpLiteral.String(facet.Column)})");

    private static void WriteColumnType(SourceWriter writer, ColumnTypeConfig columnType)
    {
        writer.Write($"new {TypeNames.ColumnTypeConfig}({CSharpLiteral.String(columnType.Column)}, {CSharpLiteral.String(columnType.Type)}, ");
        WriteNode(writer, columnType.Config);
        writer.Write(")");
    }

    private static void WritePermission(SourceWriter writer, PermissionConfig permission)
    {
        writer.Write($"new {TypeNames.PermissionConfig}({CSharpLiteral.String(permission.Action)}, ");
        WriteNode(writer, permission.Allow);
        writer.Write(")");
    }

    private static void WriteExtraUrl(SourceWriter writer, ExtraUrl url) =>
        writer.Write($"new {TypeNames.ExtraUrl}(Url: {CSharpLiteral.String(url.Url)}, Sri: {CSharpLiteral.String(url.Sri)}, Module: {CSharpLiteral.Boolean(url.Module)})");

    private static void WriteMetadataItem(SourceWriter writer, MetadataItem item) =>
        writer.Write($"new {TypeNames.MetadataItem}(Database: {CSharpLiteral.String(item.Database)}, Resource: {CSharpLiteral.String(item.Resource)}, Column: {CSharpLiteral.String(item.Column)}, Key: {CSharpLiteral.String(item.Key)}, Value: {CSharpLiteral.String(item.Value)})");

    private static void AddIf(List<(string, Action<SourceWriter>)> members, bool condition, string name, Action<SourceWriter> write)
    {
        if (condition)
        {
            members.Add((name, write));
        }
    }

    private static void AddString(List<(string, Action<SourceWriter>)> members, string name, string? value) =>
        AddIf(members, value is not null, name, w => w.Write(CSharpLiteral.String(value)));
}
