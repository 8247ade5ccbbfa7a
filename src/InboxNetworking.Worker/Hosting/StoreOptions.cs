using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Worker.Hosting;

/// <summary>Where the store lives (section InboxNet:Store): the embedded SQLite file in the data directory, or an
/// organisation's PostgreSQL shared by every worker.</summary>
internal sealed class StoreOptions : IValidatableObject
{
    public const string Section = "InboxNet:Store";

    /// <summary>sqlite (default: inboxnet.db in the data directory) or postgres.</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "InboxNet:Store:Provider is sqlite or postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>For postgres: an Npgsql connection string (INBOXNET_InboxNet__Store__ConnectionString keeps the
    /// password out of files).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>A certificate with its RSA private key (.pfx/.p12, else PEM with the key in the same file) that encrypts
    /// the key ring's keys at rest; empty: keys are stored unencrypted, guarded by the data directory's permissions or,
    /// with postgres, by the database's access control alone. Every worker of a cluster needs the same one.</summary>
    public string KeyRingCertificate { get; set; } = "";

    /// <summary>The .pfx file's password (INBOXNET_InboxNet__Store__KeyRingCertificatePassword keeps it out of files).</summary>
    public string KeyRingCertificatePassword { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "postgres" && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("InboxNet:Store:Provider is postgres but InboxNet:Store:ConnectionString is empty", [nameof(ConnectionString)]);
        if (KeyRingCertificate.Length == 0)
            yield break;
        using var certificate = Hosting.KeyRingCertificate.TryLoad(KeyRingCertificate, KeyRingCertificatePassword, out var problem);
        if (problem is not null)
            yield return new ValidationResult($"InboxNet:Store:KeyRingCertificate '{KeyRingCertificate}' cannot protect the key ring: {problem}", [nameof(KeyRingCertificate)]);
    }
}
