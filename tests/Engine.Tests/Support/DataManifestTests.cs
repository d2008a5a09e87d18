using System.Security.Cryptography;

namespace Engine.Tests.Support;

/// <summary>data/ holds exactly the files its manifest lists, each with the listed SHA-256, and stays under 20 MB.</summary>
public class DataManifestTests
{
    [Fact]
    public void EveryDataFile_IsListed_WithItsHash()
    {
        Dictionary<string, string> listed = [];
        foreach (string line in File.ReadAllLines(RepoData.Path("MANIFEST.sha256")))
        {
            // sha256sum's format: 64 hex digits, two spaces, the path relative to data/.
            Assert.Matches("^[0-9a-f]{64}  binance/", line);
            listed.Add(line[66..], line[..64]);
        }

        string[] present = [.. Directory.GetFiles(RepoData.Path("binance"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoData.Root, f).Replace('\\', '/'))];
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));

        long total = 0;
        foreach ((string relative, string hash) in listed)
        {
            byte[] bytes = File.ReadAllBytes(RepoData.Path(relative.Split('/')));
            total += bytes.Length;
            Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytes)) == hash, $"{relative}: content differs from data/MANIFEST.sha256");
        }

        Assert.True(total < 20_000_000, $"data/binance holds {total:N0} bytes");
    }
}
