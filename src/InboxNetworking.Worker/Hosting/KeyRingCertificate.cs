using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InboxNetworking.Worker.Hosting;

/// <summary>The certificate that encrypts Data Protection's keys at rest (InboxNet:Store:KeyRingCertificate). Without it
/// the keys are stored as they are: in the PostgreSQL store that puts them in the same database as the credentials they
/// protect, so that a copy of the database would be enough to read every mailbox password.</summary>
internal static class KeyRingCertificate
{
    /// <summary>The certificate with its RSA private key, or null with the reason it cannot encrypt and decrypt keys.</summary>
    /// <remarks>A .pfx/.p12 file (with its password), else a PEM file holding the certificate and its private key.</remarks>
    public static X509Certificate2? TryLoad(string path, string? password, out string? problem)
    {
        X509Certificate2? certificate = null;
        try
        {
            certificate = Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : X509Certificate2.CreateFromPemFile(path);
            using var key = certificate.GetRSAPrivateKey();
            problem = key is null ? "it has no RSA private key (the keys are encrypted and decrypted with it)" : null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problem = e.Message.ReplaceLineEndings(" ");
        }
        if (problem is null)
            return certificate;
        certificate?.Dispose();
        return null;
    }
}
