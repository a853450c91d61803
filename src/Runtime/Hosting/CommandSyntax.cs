using System.Text;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// One option of a subcommand, defined once: how it is written (<c>"-i, --immutable"</c>), the
/// values that follow it (<c>"PATH"</c>, <c>"KEY VALUE"</c>, empty for a flag), its help line, and
/// what it does to the arguments parsed so far. Parsing and --help both read this definition.
/// </summary>
internal sealed class CommandOption<T>(string names, string values, string help, Func<T, string[], T> apply)
{
    public IReadOnlyList<string> Names { get; } = names.Split(", ");

    public string Values { get; } = values;

    public int Arity { get; } = values.Length == 0 ? 0 : values.Split(' ').Length;

    public string Help { get; } = help;

    public Func<T, string[], T> Apply { get; } = apply;

    /// <summary>The same option inside a command whose arguments hold <typeparamref name="T"/> as a part.</summary>
    public CommandOption<TOuter> Within<TOuter>(Func<TOuter, T> get, Func<TOuter, T, TOuter> set) =>
        new(string.Join(", ", Names), Values, Help, (outer, value) => set(outer, Apply(get(outer), value)));
}

/// <summary>What the top-level help needs to know of a subcommand.</summary>
internal interface ICommandSyntax
{
    string Name { get; }

    /// <summary>The first line of the description: one sentence.</summary>
    string Summary { get; }

    string Usage { get; }
}

/// <summary>
/// A subcommand's usage line, description and options: it parses the command's arguments and writes
/// its --help from the same option definitions. <c>--help</c> always asks for help, and so does
/// <c>-h</c> unless the command uses it for something else (serve's -h is --host, as in Datasette).
/// </summary>
internal sealed class CommandSyntax<T> : ICommandSyntax
    where T : class
{
    private const string HelpText = "Show this message and exit.";
    private readonly IReadOnlyList<CommandOption<T>> _options;
    private readonly Func<T, string, T> _argument;
    private readonly string _arguments;
    private readonly string _description;
    private readonly bool _shortHelp;

    /// <param name="name">The subcommand, as typed after the executable.</param>
    /// <param name="arguments">The positional arguments in the usage line, e.g. <c>[FILES]...</c>.</param>
    /// <param name="description">What the command does: its first line is a one-line summary, listed by the top-level help.</param>
    /// <param name="argument">Takes one positional argument (throws <see cref="CommandLineException"/> when there should be none).</param>
    public CommandSyntax(string name, string arguments, string description, IEnumerable<CommandOption<T>> options, Func<T, string, T> argument)
    {
        Name = name;
        _arguments = arguments;
        _description = description;
        _options = options.ToList();
        _argument = argument;
        _shortHelp = !_options.Any(o => o.Names.Contains("-h"));
    }

    public string Name { get; }

    public string Summary => _description.Split('\n')[0].TrimEnd();

    public string Usage => RenderUsage();

    /// <summary>The parsed arguments; throws <see cref="HelpRequestedException"/> when help was asked for.</summary>
    public T Parse(IReadOnlyList<string> args, T initial)
    {
        // Help is looked for first, as click does, so that no argument is checked (a file that must
        // exist, a port) before the usage is shown.
        if (AsksForHelp(args))
        {
            throw new HelpRequestedException(Usage);
        }
        var parsed = initial;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var option = Find(arg);
            if (option is null)
            {
                parsed = arg.StartsWith('-') && arg.Length > 1 ? throw new CommandLineException($"No such option: {arg}") : _argument(parsed, arg);
                continue;
            }
            if (i + option.Arity >= args.Count)
            {
                throw new CommandLineException($"Option '{arg}' requires an argument.");
            }
            var values = args.Skip(i + 1).Take(option.Arity).ToArray();
            i += option.Arity;
            parsed = option.Apply(parsed, values);
        }
        return parsed;
    }

    /// <summary>--help (or -h) stands somewhere other than as an option's value.</summary>
    private bool AsksForHelp(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--help" || (_shortHelp && args[i] == "-h"))
            {
                return true;
            }
            i += Find(args[i])?.Arity ?? 0;
        }
        return false;
    }

    private CommandOption<T>? Find(string arg) => _options.FirstOrDefault(o => o.Names.Contains(arg));

    private string RenderUsage()
    {
        var rows = _options.Select(o => (Left: string.Join(", ", o.Names) + (o.Arity > 0 ? " " + o.Values : ""), o.Help))
            .Append((Left: _shortHelp ? "-h, --help" : "--help", Help: HelpText))
            .ToList();
        // A column as wide as the longest option, up to a limit; longer ones put their help on the next line.
        var width = Math.Min(rows.Max(r => r.Left.Length), 30) + 2;
        var text = new StringBuilder();
        text.Append("Usage: datasette-gen ").Append(Name).Append(" [OPTIONS]").Append(_arguments.Length > 0 ? " " + _arguments : "").Append("\n\n");
        foreach (var line in _description.Split('\n'))
        {
            text.Append(line.Length > 0 ? "  " + line : "").Append('\n');
        }
        text.Append("\nOptions:\n");
        foreach (var (left, help) in rows)
        {
            text.Append("  ").Append(left);
            text.Append(left.Length + 2 > width ? "\n  " + new string(' ', width) : new string(' ', width - left.Length)).Append(help).Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>--help was given: the command line's answer is the usage text, and the exit status 0.</summary>
internal sealed class HelpRequestedException(string usage) : Exception("Help was requested.")
{
    public string Usage { get; } = usage;
}
