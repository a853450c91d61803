using System.Globalization;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>The flash messages of row updates and deletes: <c>Deleted row 3 (Its name)</c>.</summary>
internal static class RowLabels
{
    private const int MaxLabelLength = 80;

    /// <summary>The row's label column value as text, read now (before a delete, after an update); null without one.</summary>
    public static string? ReadLabel(Datasette datasette, WriteRow row)
    {
        var target = row.Target;
        if (LabelColumns.For(datasette.Config, target.Database, target.Table) is not { } column)
        {
            return null;
        }
        var value = QueryRunner.Run(target.Database, $"select {SqlIdentifier.Quote(column)} from {SqlIdentifier.Escape(target.Name)} where {row.Where}", row.Parameters(), null,
            reader => reader.Read() && !reader.IsDBNull(0) ? Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) : null);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary><c>{action} row {pks}</c>, with the label (whitespace collapsed, at most 80 characters) when it says more than the key.</summary>
    public static string Message(string action, WriteRow row, string? label)
    {
        var pks = string.Join(", ", row.PkValues);
        if (label is not null)
        {
            label = string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (label.Length > MaxLabelLength)
            {
                label = label[..(MaxLabelLength - 1)] + "\u2026";
            }
        }
        return !string.IsNullOrEmpty(label) && label != pks ? $"{action} row {pks} ({label})" : $"{action} row {pks}";
    }
}
