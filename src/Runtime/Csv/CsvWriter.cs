using System.Globalization;
using System.Text;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Csv;

/// <summary>
/// RFC 4180 rows as Python's csv module writes them: \r\n endings, quotes only when needed,
/// NULL as an empty field, and a row of one empty field as "". Rows accumulate in a buffer
/// that the caller sends asynchronously, page by page.
/// </summary>
internal sealed class CsvWriter(StringBuilder output)
{
    private readonly List<string> _fields = new();
    private readonly long _maxPageChars = RequestScope.MaxResponseBytes;
    private long _pendingChars;

    public long CharactersWritten { get; private set; }

    /// <summary>Adds a field; the unsent page (buffer plus this row) must stay within the request's response budget.</summary>
    public void Add(string? value)
    {
        value ??= "";
        _pendingChars += value.Length;
        ResponseBudget.Check(output.Length + _pendingChars, _maxPageChars);
        _fields.Add(value);
    }

    public void AddCell(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            Add("");
            return;
        }
        var type = reader.GetFieldType(ordinal);
        Add(type == typeof(double)
            ? SqliteJson.PythonFloat(reader.GetDouble(ordinal))
            : type == typeof(long) ? reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture) : reader.GetString(ordinal));
    }

    public void EndRow()
    {
        var line = new StringBuilder();
        if (_fields.Count == 1 && _fields[0].Length == 0)
        {
            line.Append("\"\"");
        }
        else
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }
                var field = _fields[i];
                if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    line.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
                }
                else
                {
                    line.Append(field);
                }
            }
        }
        line.Append("\r\n");
        output.Append(line);
        CharactersWritten += line.Length;
        _fields.Clear();
        _pendingChars = 0;
    }

    public void WriteRow(IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            Add(field);
        }
        EndRow();
    }
}
