using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>The subcommands plugins add with register_commands, beside the built-in ones.</summary>
internal static class PluginCommands
{
    /// <summary>Every plugin command in plugin order; one whose name a built-in command or an earlier plugin took stops the command line.</summary>
    public static IReadOnlyList<PluginCommand> From(PluginRegistry? plugins, IEnumerable<string> builtIn)
    {
        if (plugins is null || plugins.RegisterCommands.Count == 0)
        {
            return Array.Empty<PluginCommand>();
        }
        var taken = new HashSet<string>(builtIn, StringComparer.Ordinal);
        var commands = new List<PluginCommand>();
        foreach (var hook in plugins.RegisterCommands)
        {
            foreach (var command in hook.Invoke() ?? Array.Empty<PluginCommand>())
            {
                if (string.IsNullOrWhiteSpace(command.Name) || command.Name.StartsWith('-') || command.Name.Any(char.IsWhiteSpace))
                {
                    throw new CommandLineException($"Plugin {hook.Plugin} registers a command with an invalid name: '{command.Name}'", 1);
                }
                if (!taken.Add(command.Name))
                {
                    throw new CommandLineException($"Plugin {hook.Plugin} registers the command '{command.Name}', which is already taken", 1);
                }
                commands.Add(command);
            }
        }
        return commands;
    }

    /// <summary>Runs <paramref name="command"/>; <c>--help</c> anywhere prints its usage instead, as click does.</summary>
    public static Task<int> RunAsync(PluginCommand command, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Contains("--help"))
        {
            output.WriteLine(command.Usage);
            return Task.FromResult(0);
        }
        return command.Run(new PluginCommandContext(args, output, error));
    }
}
