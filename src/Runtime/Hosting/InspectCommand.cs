using System;
using System.Collections.Generic;
using System.IO;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen inspect FILES... [--inspect-file PATH]</c>: hash, size and table counts of each
/// file opened as immutable, as JSON (standard output by default), for serving with --inspect-file.
/// </summary>
public static class InspectCommand
{
    public const string Name = "inspect";

    public static int Run(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        string output = "-";
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--inspect-file" && i + 1 < args.Count)
            {
                output = args[++i];
            }
            else if (args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"Error: No such option: {args[i]}");
                return 2;
            }
            else if (!File.Exists(args[i]))
            {
                Console.Error.WriteLine($"Error: Invalid value for '[FILES]...': Path '{args[i]}' does not exist.");
                return 2;
            }
            else
            {
                files.Add(args[i]);
            }
        }
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
