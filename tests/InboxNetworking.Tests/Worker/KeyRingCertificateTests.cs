using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InboxNetworking.Storage;
using InboxNetworking.Tests.Storage;
using InboxNetworking.Tests.TestData;
using InboxNetworking.Worker;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Tests.Worker;

/// <summary>InboxNet:Store:KeyRingCertificate: the key ring's keys are stored encrypted with it (a copy of the keys, or of
/// the PostgreSQL database that holds them, no longer reads the credentials), and only a worker that has it reads them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyRingCertificateTests(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _services = [];

    public void Dispose()
    {
        foreach (var services in _services)
            services.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void FileKeyRing_KeysAreEncryptedWithTheCertificate_AndOnlyItReadsTheCredential()
    {
        var settings = new Dictionary<string, string?> { ["InboxNet:Store:KeyRingCertificate"] = NewCertificate("ring.pem") };
        var secret = Protector(settings).Protect("app password");

        var key = Assert.Single(Directory.GetFiles(DataDirectory.KeysPath(_dir.Path), "*.xml"));
        AssertEncrypted(File.ReadAllText(key));
        Assert.Equal("app password", Protector(settings).Unprotect(secret, "alice"));
        var withoutIt = Assert.Throws<UserError>(() => Protector(new Dictionary<string, string?>()).Unprotect(secret, "alice"));
        Assert.Contains("KeyRingCertificate", withoutIt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateSetAfterAKeyWasMade_TheNextCredentialIsProtectedUnderANewEncryptedKey()
    {
        var before = Protector(new Dictionary<string, string?>()).Protect("old password");
        var settings = new Dictionary<string, string?> { ["InboxNet:Store:KeyRingCertificate"] = NewCertificate("ring.pem") };
        var after = Protector(settings).Protect("new password");

        var keys = Directory.GetFiles(DataDirectory.KeysPath(_dir.Path), "*.xml").Select(File.ReadAllText).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Single(keys, k => k.Contains("EncryptedData", StringComparison.Ordinal) && !k.Contains("<masterKey", StringComparison.Ordinal));
        Assert.Equal("old password", Protector(settings).Unprotect(before, "alice"));
        Assert.Equal("new password", Protector(settings).Unprotect(after, "alice"));
        Assert.Throws<UserError>(() => Protector(new Dictionary<string, string?>()).Unprotect(after, "alice"));
    }

    [Fact]
    public async Task DatabaseKeyRing_HoldsOnlyEncryptedKeys_AndAnotherMachineWithTheCertificateReadsTheCredential()
    {
        var settings = new Dictionary<string, string?>
        {
            ["InboxNet:Store:Provider"] = "postgres",
            ["InboxNet:Store:ConnectionString"] = await postgres.NewDatabaseAsync(),
            ["InboxNet:Store:KeyRingCertificate"] = NewCertificate("ring.pfx", "pfx secret"),
            ["InboxNet:Store:KeyRingCertificatePassword"] = "pfx secret",
        };
        var secret = Protector(settings).Protect("app password");

        using var store = PostgresInboxStore.Open(settings["InboxNet:Store:ConnectionString"]!, TimeProvider.System);
        AssertEncrypted(Assert.Single(store.ReadKeyRing()));
        Assert.Equal("app password", Protector(settings, _dir.File("other-machine")).Unprotect(secret, "alice"));
    }

    [Fact]
    public void ACertificateThatCannotBeRead_IsNamedAtStartUp()
    {
        File.WriteAllText(_dir.File("not-a-certificate.pem"), "hello");
        using var services = InboxNetServices.Build(_dir.Path, TimeProvider.System, TextWriter.Null,
            new Dictionary<string, string?> { ["InboxNet:Store:KeyRingCertificate"] = _dir.File("not-a-certificate.pem") });

        var error = Assert.Throws<UserError>(() => InboxNetServices.ValidateOptions(services));
        Assert.Contains("InboxNet:Store:KeyRingCertificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-certificate.pem", error.Message, StringComparison.Ordinal);
    }

    private static void AssertEncrypted(string keyXml)
    {
        Assert.Contains("EncryptedData", keyXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keyXml, StringComparison.Ordinal); // the key's secret, in the clear without a certificate
    }

    private CredentialProtector Protector(IReadOnlyDictionary<string, string?> settings, string? dataDir = null)
    {
        var services = InboxNetServices.Build(dataDir ?? _dir.Path, TimeProvider.System, TextWriter.Null, settings);
        _services.Add(services);
        InboxNetServices.ValidateOptions(services);
        return services.GetRequiredService<CredentialProtector>();
    }

    /// <summary>A self-signed RSA certificate with its private key, as PEM (certificate and key in one file) or .pfx.</summary>
    private string NewCertificate(string name, string? password = null)
    {
        using var rsa = RSA.Create(2048);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = new CertificateRequest("CN=inboxnet key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(now.AddMinutes(-1), now.AddYears(1));
        var path = _dir.File(name);
        if (password is null)
            File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        else
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
