namespace InboxNetworking.Tests.Core;

/// <summary>Dependencies point inwards: the core knows no SDK, no database, no parser.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Core_ReferencesNoHeavyDependency()
    {
        var references = typeof(InboxNetworking.Core.Domain.MailItem).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        string[] forbidden = ["MimeKit", "MailKit", "Ical.Net", "Microsoft.Graph", "Microsoft.ML", "Microsoft.Data.Sqlite", "Npgsql", "Quartz", "Polly", "InboxNetworking."];
        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
        Assert.Contains(references, r => r.StartsWith("System", StringComparison.Ordinal));
    }
}
