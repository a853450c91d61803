using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen inspect FILES... [--inspect-file PATH]</c>: hash, size and table counts of each
/// file opened as immutable, as JSON (standard output by default), for serving with --inspect-file.
/// </summary>
internal static class InspectCommand
{
    public const string Name = "inspect";

    /// <summary>The files to inspect and where the JSON goes ("-": standard output).</summary>
    internal sealed record Arguments(List<string> Files, string Output);

    internal static CommandSyntax<Arguments> Syntax { get; } = new(
        Name,
        "[FILES]...",
        "Write the hash, size and table row counts of database files, for `serve --inspect-file`.\nEach file is opened as immutable; served with the result, start-up need not read it to hash it.",
        [new("--inspect-file", "PATH", "File to write (default: standard output)", (a, v) => a with { Output = v[0] })],
        (a, file) =>
        {
            a.Files.Add(File.Exists(file) ? file : throw new CommandLineException($"Invalid value for '[FILES]...': Path '{file}' does not exist."));
            return a;
        });

    public static string Usage => Syntax.Usage;

    public static int Run(IReadOnlyList<string> args)
    {
        var (files, output) = Syntax.Parse(args, new Arguments(new List<string>(), "-"));
        DatasetteHost.UseStaticSqlite();
        var entries = new List<InspectEntry>();
        foreach (var file in files)
        {
            var database = new Database(DatabaseKind.ImmutableFile, file);
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in database.Schema.Tables)
            {
                try
                {
                    counts[table.Name] = QueryRunner.Run(database, $"select count(*) from {SqlIdentifier.Quote(table.Name)}", null, null,
                        reader => reader.Read() ? reader.GetInt64(0) : 0);
                }
                catch (SqlErrorException)
                {
                    counts[table.Name] = 0; // some virtual tables cannot be counted
                }
            }
            entries.Add(new InspectEntry(Database.SuggestName(file), database.Hash ?? "", new FileInfo(file).Length, Path.GetFileName(file), counts));
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        if (output == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            InspectData.Write(stdout, entries);
            stdout.Write("\n"u8);
        }
        else
        {
            using var stream = File.Create(output);
            InspectData.Write(stream, entries);
        }
        return 0;
    }
}
