using System.Text;
using Engine.Cli.EventLog;

namespace Engine.Tests.Cli.EventLog;

/// <summary>CRC-32C against published values: the catalogue check value and RFC 3720 (iSCSI) appendix B.4.</summary>
public sealed class Crc32CTests
{
    [Fact]
    public void CheckValue_Of123456789_IsE3069283()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Rfc3720_B4_Vectors()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void Append_InPieces_EqualsOneGo()
    {
        byte[] data = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog, 0123456789");
        uint running = Crc32C.Append(Crc32C.Start, data.AsSpan(0, 13));
        running = Crc32C.Append(running, data.AsSpan(13, 7));
        running = Crc32C.Append(running, data.AsSpan(20));
        Assert.Equal(Crc32C.Compute(data), Crc32C.Finish(running));
    }
}
