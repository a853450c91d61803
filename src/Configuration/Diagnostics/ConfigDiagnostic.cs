using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Diagnostics;

public enum ConfigSeverity
{
    Warning,
    Error,
}

/// <summary>A catalogue entry: stable id, title and message format (string.Format style).</summary>
public sealed record ConfigDiagnosticDescriptor(string Id, string Title, string MessageFormat, ConfigSeverity Severity);

/// <summary>One problem found in a configuration or metadata file, with its place.</summary>
public sealed record ConfigDiagnostic(string Id, ConfigSeverity Severity, string Message, SourceSpan Span)
{
    public bool IsError => Severity == ConfigSeverity.Error;

    public static ConfigDiagnostic Create(ConfigDiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        new(descriptor.Id, descriptor.Severity, string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat, args), span);

    /// <summary>MSBuild/compiler style: <c>path(line,col): error DSG0004: message</c>.</summary>
    public override string ToString() =>
        $"{Span.Path}({Span.Line},{Span.Column}): {(IsError ? "error" : "warning")} {Id}: {Message}";
}
