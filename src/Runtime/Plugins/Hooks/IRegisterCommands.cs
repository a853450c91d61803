namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_commands(cli)</c>: subcommands of the executable
/// (<c>datasette-gen NAME ARGS...</c>), listed by <c>datasette-gen --help</c>; a built-in command's
/// name cannot be taken.
/// </summary>
public interface IRegisterCommands
{
    IEnumerable<PluginCommand>? RegisterCommands();
}
