using Crm.Host.Cli;

return await CrmProgram.RunAsync(args);

/// <summary>Entry point; <c>WebApplicationFactory&lt;Program&gt;</c> starts the host through it.</summary>
public partial class Program;
