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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "postgres" && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("InboxNet:Store:Provider is postgres but InboxNet:Store:ConnectionString is empty", [nameof(ConnectionString)]);
    }
}
