using Engine.Timing;

namespace Engine.Tests.Timing;

public class CpuInfoFlagsTests
{
    [Fact]
    public void Parse_X86FlagsLine_ReturnsEachFlag()
    {
        var flags = CpuInfoFlags.Parse("flags\t\t: fpu vme tsc constant_tsc nonstop_tsc rdtscp");

        Assert.NotNull(flags);
        Assert.True(flags.SetEquals(["fpu", "vme", "tsc", "constant_tsc", "nonstop_tsc", "rdtscp"]));
    }

    [Fact]
    public void Parse_ArmFeaturesLine_ReturnsEachFeature()
    {
        var flags = CpuInfoFlags.Parse("Features\t: fp asimd evtstrm");

        Assert.NotNull(flags);
        Assert.Contains("evtstrm", flags);
    }

    [Theory]
    [InlineData("model name\t: AMD EPYC")]
    [InlineData("flags without a colon")]
    [InlineData("")]
    [InlineData("vmx flags\t: vnmi")] // a different key that merely ends in "flags"
    public void Parse_OtherLines_ReturnsNull(string line)
    {
        Assert.Null(CpuInfoFlags.Parse(line));
    }

    [Fact]
    public void Read_FileWithFlagsAfterOtherLines_ReturnsFirstFlagsLine()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["processor\t: 0", "model name\t: test", "flags\t\t: a b", "processor\t: 1", "flags\t\t: c"]);

            var flags = CpuInfoFlags.Read(path);

            Assert.NotNull(flags);
            Assert.True(flags.SetEquals(["a", "b"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingFile_ReturnsNull()
    {
        Assert.Null(CpuInfoFlags.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "cpuinfo")));
    }
}
