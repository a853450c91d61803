using System.Text;

namespace Datasette.Gen.Generator.Emit;

/// <summary>A minimal indented writer; always "\n" so output is the same on every OS.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _indent;
    private bool _atLineStart = true;

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (_atLineStart)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }
            _atLineStart = false;
        }
        _builder.Append(text);
    }

    public void WriteLine(string text = "")
    {
        Write(text);
        _builder.Append('\n');
        _atLineStart = true;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBlock()
    {
        Unindent();
        WriteLine("}");
    }

    public override string ToString() => _builder.ToString();
}
