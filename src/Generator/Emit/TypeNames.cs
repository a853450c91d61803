namespace Datasette.Gen.Generator.Emit;

/// <summary>Fully qualified names of the configuration types the generated code builds.</summary>
internal static class TypeNames
{
    private const string Root = "global::Datasette.Gen.Configuration";
    private const string Model = Root + ".Model";
    private const string Tree = Root + ".Tree";

    public const string DatasetteConfig = Model + ".DatasetteConfig";
    public const string Settings = Model + ".Settings";
    public const string DatabaseConfig = Model + ".DatabaseConfig";
    public const string TableConfig = Model + ".TableConfig";
    public const string QueryConfig = Model + ".QueryConfig";
    public const string PermissionConfig = Model + ".PermissionConfig";
    public const string ExtraUrl = Model + ".ExtraUrl";
    public const string PageSize = Model + ".PageSize";
    public const string FacetConfig = Model + ".FacetConfig";
    public const string FacetType = Model + ".FacetType";
    public const string ColumnTypeConfig = Model + ".ColumnTypeConfig";
    public const string MetadataItem = Model + ".MetadataItem";
    public const string ActionDefinition = Model + ".ActionDefinition";
    public const string ResourceKind = Model + ".ResourceKind";

    public const string ConfigNode = Tree + ".ConfigNode";
    public const string ConfigMapping = Tree + ".ConfigMapping";
    public const string ConfigEntry = Tree + ".ConfigEntry";
    public const string ConfigSequence = Tree + ".ConfigSequence";
    public const string ConfigScalar = Tree + ".ConfigScalar";
    public const string ScalarKind = Tree + ".ScalarKind";

    public const string String = "string";

    public static string EquatableArrayOf(string elementType) => Root + ".EquatableArray<" + elementType + ">";
}
