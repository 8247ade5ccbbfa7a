using InboxNetworking.Storage;
using InboxNetworking.Tests.Storage;
using InboxNetworking.Tests.TestData;
using InboxNetworking.Worker.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Tests.Worker;

/// <summary>With PostgreSQL, Data Protection's key ring lives in the database: a credential protected while the keys
/// were in a machine's <c>keys/</c> folder stays readable, and any machine reads it with no folder of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseKeyRingTests(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task KeysOfTheFolder_GoIntoAnEmptyDatabaseKeyRing_AndEveryMachineReadsTheCredential()
    {
        var folder = _dir.File("keys");
        var secret = Protector(s => s.PersistKeysToFileSystem(new DirectoryInfo(folder))).Protect("app password");
        using var store = PostgresInboxStore.Open(await postgres.NewDatabaseAsync(), TimeProvider.System);

        var upgraded = Protector(s => s.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = DatabaseKeyRing.Open(store, folder)));
        Assert.Equal("app password", upgraded.Unprotect(secret));
        Assert.Single(store.ReadKeyRing());

        var otherMachine = Protector(s => s.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = DatabaseKeyRing.Open(store, _dir.File("no-keys-here"))));
        Assert.Equal("app password", otherMachine.Unprotect(secret));
        Assert.Equal("new", otherMachine.Unprotect(upgraded.Protect("new")));
        Assert.Single(store.ReadKeyRing()); // the key was not imported twice, and no machine made one of its own
    }

    private static IDataProtector Protector(Action<IDataProtectionBuilder> keys)
    {
        var services = new ServiceCollection();
        keys(services.AddDataProtection().SetApplicationName("InboxNetworking"));
        return services.BuildServiceProvider().GetDataProtector("test");
    }
}
