using System.IO.Compression;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance;

/// <summary>Access to the real captures in the repository's data/binance for the Binance tests (test-side, independent of the readers).</summary>
public static class RealData
{
    /// <summary>Every symbol that appears in the captures.</summary>
    public static readonly string[] Symbols =
    [
        "BTCUSDT", "ETHUSDT", "DOTUSDT", "SANDUSDT", "CHRUSDT", "CTKUSDT", "NEOUSDT", "BATUSDT", "DENTUSDT", "KSMUSDT",
        "XMRUSDT", "YFIUSDT", "AKROUSDT", "KEEPUSDT", "SUSHIUSDT",
    ];

    public static SymbolRegistry Registry() => new(Symbols);

    public static string Path(string relative) => RepoData.Path(["binance", .. relative.Split('/')]);

    /// <summary>The whole file as bytes, gunzipped when it ends in .gz.</summary>
    public static byte[] ReadAllBytes(string relative)
    {
        string path = Path(relative);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>The file's lines as byte ranges (split on '\n', '\r' removed), the last line included even without '\n'.</summary>
    public static List<ReadOnlyMemory<byte>> Lines(byte[] bytes)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        int start = 0;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                end = bytes.Length;
            }

            int length = end - start;
            if (length > 0 && bytes[end - 1] == (byte)'\r')
            {
                length--;
            }

            lines.Add(bytes.AsMemory(start, length));
            start = end + 1;
        }

        return lines;
    }
}
