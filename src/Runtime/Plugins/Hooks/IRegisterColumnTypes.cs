using Datasette.Gen.Runtime.ColumnTypes;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_column_types(datasette)</c>: column types (one instance each, without
/// config) that <c>column_types:</c> and <see cref="Datasette.SetColumnTypeAsync"/> can assign; a
/// name registered twice stops start-up ("Duplicate column type name: X").
/// </summary>
public interface IRegisterColumnTypes
{
    IEnumerable<ColumnType> RegisterColumnTypes(Datasette datasette);
}
