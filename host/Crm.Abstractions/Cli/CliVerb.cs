namespace Crm.Abstractions.Cli;

/// <summary>A command-line verb a module adds to <c>Crm.Host</c>, e.g. <c>import customers FILE --dry-run</c>.
/// The host parses arguments and options, builds the services (database migrated) and calls <see cref="RunAsync"/>;
/// the returned value is the process exit code.</summary>
public sealed record CliVerb(
    string Name,
    string Description,
    Func<CliInvocation, Task<int>> RunAsync)
{
    public IReadOnlyList<CliArgument> Arguments { get; init; } = [];
    public IReadOnlyList<CliOption> Options { get; init; } = [];
}

/// <summary>A positional argument of a verb.</summary>
public sealed record CliArgument(string Name, string Description);

/// <summary>An option of a verb: <c>--name value</c>, or a flag without a value.</summary>
public sealed record CliOption(string Name, string Description, bool IsFlag = false, bool Required = false);

/// <summary>A parsed invocation: values by argument or option name (without dashes), the services, and the console.</summary>
public sealed record CliInvocation(
    IReadOnlyDictionary<string, string?> Values,
    IServiceProvider Services,
    TextWriter Out,
    TextWriter Error,
    CancellationToken CancellationToken)
{
    public string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;
    public bool Has(string name) => Values.TryGetValue(name, out var value) && value is not null and not "false";
}
