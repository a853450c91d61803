using System.Text.RegularExpressions;
using Datasette.Gen.Configuration.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Datasette.Gen.Configuration.Tree;

/// <summary>The result of reading one file: its root (null when unreadable) and what went wrong.</summary>
public sealed record ConfigDocument(string Path, ConfigNode? Root, EquatableArray<ConfigDiagnostic> Diagnostics);

/// <summary>
/// Reads JSON or YAML into a <see cref="ConfigNode"/> tree that keeps every node's line and
/// column. Plain scalars resolve with YAML 1.1 rules as Datasette's PyYAML does
/// (on/off/yes/no are booleans); JSON is read by the same parser, JSON being YAML.
/// </summary>
public static class ConfigReader
{
    private static readonly Regex IntegerPattern = new(@"^[-+]?(0|[1-9][0-9_]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex HexPattern = new(@"^[-+]?0x[0-9a-fA-F_]+$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$", RegexOptions.CultureInvariant);

    public static ConfigDocument Read(string path, string text)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var builder = new TreeBuilder(path, diagnostics);
        ConfigNode? root;
        try
        {
            root = builder.Build(text);
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            var span = ex is YamlException yamlError
                ? ToSpan(path, yamlError.Start, yamlError.End)
                : builder.LastSpan;
            diagnostics.Add(ConfigDiagnostic.Create(DiagnosticCatalog.InvalidSyntax, span, FirstLine(ex.Message)));
            root = null;
        }
        return new ConfigDocument(path, root, diagnostics.ToEquatableArray());
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(new[] { '\r', '\n' });
        return cut < 0 ? message : message.Substring(0, cut);
    }

    internal static SourceSpan ToSpan(string path, Mark start, Mark end) =>
        new(path, (int)start.Index, (int)Math.Max(start.Index, end.Index), (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

    internal static ConfigScalar Resolve(Scalar scalar, SourceSpan span)
    {
        var value = scalar.Value;
        // TagName.Value throws for untagged scalars, so only a global tag is compared.
        if (scalar.Style != ScalarStyle.Plain || (scalar.Tag.IsGlobal && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return ConfigScalar.String(value, span);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new ConfigScalar(ScalarKind.Null, "null", span);
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return new ConfigScalar(ScalarKind.Boolean, "true", span);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return new ConfigScalar(ScalarKind.Boolean, "false", span);
        }
        if (IntegerPattern.IsMatch(value))
        {
            var digits = value.Replace("_", string.Empty);
            if (long.TryParse(digits, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return new ConfigScalar(ScalarKind.Integer, number.ToString(System.Globalization.CultureInfo.InvariantCulture), span);
            }
        }
        if (HexPattern.IsMatch(value))
        {
            var negative = value[0] == '-';
            var digits = value.TrimStart('-', '+').Substring(2).Replace("_", string.Empty);
            var number = Convert.ToInt64(digits, 16) * (negative ? -1 : 1);
            return new ConfigScalar(ScalarKind.Integer, number.ToString(System.Globalization.CultureInfo.InvariantCulture), span);
        }
        if (FloatPattern.IsMatch(value) && value != "." && double.TryParse(value.Replace("_", string.Empty), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real))
        {
            return new ConfigScalar(ScalarKind.Float, real.ToString("R", System.Globalization.CultureInfo.InvariantCulture), span);
        }
        return ConfigScalar.String(value, span);
    }

    private sealed class TreeBuilder
    {
        private readonly string _path;
        private readonly List<ConfigDiagnostic> _diagnostics;
        private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
        private IParser _parser = null!;

        public TreeBuilder(string path, List<ConfigDiagnostic> diagnostics)
        {
            _path = path;
            _diagnostics = diagnostics;
            LastSpan = SourceSpan.None(path);
        }

        public SourceSpan LastSpan { get; private set; }

        public ConfigNode? Build(string text)
        {
            _parser = new Parser(new StringReader(text));
            _parser.Consume<StreamStart>();
            if (_parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }
            _parser.Consume<DocumentStart>();
            var root = ReadNode();
            _parser.Consume<DocumentEnd>();
            if (!_parser.TryConsume<StreamEnd>(out _))
            {
                var extra = _parser.Current!;
                throw new YamlException(extra.Start, extra.End, "expected a single document in the stream");
            }
            return root;
        }

        private ConfigNode ReadNode()
        {
            var current = _parser.Current ?? throw new InvalidOperationException("unexpected end of input");
            LastSpan = ToSpan(_path, current.Start, current.End);
            switch (current)
            {
                case Scalar scalar:
                    _parser.MoveNext();
                    return Remember(scalar.Anchor, Resolve(scalar, LastSpan));
                case AnchorAlias alias:
                    _parser.MoveNext();
                    if (_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        return target;
                    }
                    throw new YamlException(alias.Start, alias.End, $"unknown alias '{alias.Value.Value}'");
                case SequenceStart start:
                    return Remember(start.Anchor, ReadSequence(start));
                case MappingStart start:
                    return Remember(start.Anchor, ReadMapping(start));
                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private ConfigNode Remember(AnchorName anchor, ConfigNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
            return node;
        }

        private ConfigSequence ReadSequence(SequenceStart start)
        {
            _parser.MoveNext();
            var items = new List<ConfigNode>();
            SequenceEnd end;
            while (!_parser.TryConsume(out end!))
            {
                items.Add(ReadNode());
            }
            return new ConfigSequence(items.ToEquatableArray(), ToSpan(_path, start.Start, end.End));
        }

        private ConfigMapping ReadMapping(MappingStart start)
        {
            _parser.MoveNext();
            var entries = new List<ConfigEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            MappingEnd end;
            while (!_parser.TryConsume(out end!))
            {
                var keyNode = ReadNode();
                var key = keyNode is ConfigScalar scalar ? scalar.Text : throw new YamlException(
                    new Mark(keyNode.Span.Start, keyNode.Span.Line, keyNode.Span.Column),
                    new Mark(keyNode.Span.End, keyNode.Span.EndLine, keyNode.Span.EndColumn),
                    "mapping keys must be scalars");
                if (!seen.Add(key))
                {
                    _diagnostics.Add(ConfigDiagnostic.Create(DiagnosticCatalog.DuplicateKey, keyNode.Span, key));
                }
                var value = ReadNode();
                entries.Add(new ConfigEntry(key, keyNode.Span, value));
            }
            return new ConfigMapping(entries.ToEquatableArray(), ToSpan(_path, start.Start, end.End));
        }
    }
}
