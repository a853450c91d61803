using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// printf() and format() with their repeat count bounded. In SQLite 3.40 (Debian's),
/// <c>printf('%.*c', N, 'x')</c> appends the character N times one by one even after the length
/// limit has stopped the result: N = 900,000,000 burns about 7 s of CPU inside a single function
/// call, where the progress handler that enforces the time limit never runs. This override refuses
/// a %c precision past the connection's value limit and passes every other call to SQLite's own
/// printf on a private in-memory connection of the thread, so results stay SQLite's.
/// </summary>
internal static class BoundedPrintf
{
    private const int SqliteTooBig = 18;

    private static readonly ThreadLocal<Delegator> Delegators = new(() => new Delegator());

    public static void Register(SqliteConnection connection, Func<long> maxValueBytes)
    {
        foreach (var name in new[] { "printf", "format" })
        {
            connection.CreateFunction(name, (object?[] args) => Format(args, maxValueBytes()), isDeterministic: true);
        }
    }

    private static object? Format(object?[] args, long maxValueBytes)
    {
        if (args.Length == 0 || args[0] is DBNull or null)
        {
            return null;
        }
        if (maxValueBytes > 0 && LargestCharRepeat(Convert.ToString(args[0], CultureInfo.InvariantCulture) ?? "", args) > maxValueBytes)
        {
            throw new SqliteException("string or blob too big", SqliteTooBig);
        }
        return Delegators.Value!.Printf(args, maxValueBytes);
    }

    /// <summary>The largest precision given to a %c conversion (its repeat count), walking the format as SQLite's printf does.</summary>
    internal static long LargestCharRepeat(string format, object?[] args)
    {
        long largest = 0;
        var next = 1;
        var i = 0;
        while (i < format.Length)
        {
            if (format[i++] != '%' || i >= format.Length)
            {
                continue;
            }
            if (format[i] == '%')
            {
                i++;
                continue;
            }
            while (i < format.Length && "-+ #!0,".IndexOf(format[i]) >= 0)
            {
                i++;
            }
            if (i < format.Length && format[i] == '*')
            {
                next++;
                i++;
            }
            while (i < format.Length && char.IsAsciiDigit(format[i]))
            {
                i++;
            }
            long precision = 0;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (i < format.Length && format[i] == '*')
                {
                    precision = Math.Abs(Number(next < args.Length ? args[next] : null));
                    next++;
                    i++;
                }
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                {
                    precision = Math.Min(precision * 10 + (format[i] - '0'), int.MaxValue);
                    i++;
                }
            }
            while (i < format.Length && format[i] == 'l')
            {
                i++;
            }
            if (i < format.Length)
            {
                if (format[i] == 'c')
                {
                    largest = Math.Max(largest, precision);
                }
                next++;
                i++;
            }
        }
        return largest;
    }

    // sqlite3_value_int64's reading of an argument: integers, reals truncated, text's leading number.
    private static long Number(object? value) => value switch
    {
        long number => number,
        double real => double.IsNaN(real) ? 0 : (long)Math.Clamp(real, long.MinValue, long.MaxValue),
        string text => LeadingInteger(text),
        _ => 0,
    };

    private static long LeadingInteger(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = 0;
        if (end < span.Length && span[end] is '-' or '+')
        {
            end++;
        }
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }
        return long.TryParse(span[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
    }

    /// <summary>SQLite's own printf, on a connection no request's SQL runs on.</summary>
    private sealed class Delegator
    {
        private readonly SqliteConnection _connection = Open();
        private readonly Dictionary<int, SqliteCommand> _commands = new();
        private long _limit = -1;

        public object? Printf(object?[] args, long maxValueBytes)
        {
            if (maxValueBytes != _limit)
            {
                raw.sqlite3_limit(_connection.Handle, raw.SQLITE_LIMIT_LENGTH, maxValueBytes > 0 ? (int)Math.Min(maxValueBytes, int.MaxValue) : int.MaxValue);
                _limit = maxValueBytes;
            }
            if (!_commands.TryGetValue(args.Length, out var command))
            {
                command = _connection.CreateCommand();
                var names = new string[args.Length];
                for (var i = 0; i < args.Length; i++)
                {
                    names[i] = "@p" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(new SqliteParameter(names[i], DBNull.Value));
                }
                command.CommandText = "select printf(" + string.Join(", ", names) + ")";
                _commands[args.Length] = command;
            }
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters[i].Value = args[i] ?? DBNull.Value;
            }
            var result = command.ExecuteScalar();
            return result is DBNull ? null : result;
        }

        private static SqliteConnection Open()
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
            connection.Open();
            return connection;
        }
    }
}
