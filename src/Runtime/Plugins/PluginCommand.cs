namespace Datasette.Gen.Runtime.Plugins;

/// <summary>Runs a plugin's subcommand; returns the process's exit status.</summary>
public delegate Task<int> PluginCommandHandler(PluginCommandContext context);

/// <summary>
/// A subcommand from <c>register_commands</c>: <c>datasette-gen NAME ARGS...</c>. The first line of
/// <see cref="Description"/> is what <c>datasette-gen --help</c> lists; <c>datasette-gen NAME --help</c>
/// prints <see cref="Arguments"/> and the whole description.
/// </summary>
public sealed record PluginCommand(string Name, string Description, PluginCommandHandler Run)
{
    /// <summary>The arguments in the usage line, e.g. <c>[FILES]...</c>.</summary>
    public string Arguments { get; init; } = "[ARGS]...";

    /// <summary>What <c>--help</c> prints.</summary>
    public string Usage =>
        $"Usage: datasette-gen {Name} {Arguments}\n\n"
        + string.Concat(Description.Split('\n').Select(line => line.Length > 0 ? "  " + line + "\n" : "\n"))
        + "\nOptions:\n  --help  Show this message and exit.\n";
}

/// <summary>What a plugin's subcommand is given: the arguments after its name and where to write.</summary>
public sealed record PluginCommandContext(IReadOnlyList<string> Arguments, TextWriter Output, TextWriter Error);
