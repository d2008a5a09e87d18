using Engine.Interop;

namespace Engine.Tests.Interop;

public class NativeLibraryStatusTests
{
    [Fact]
    public void IsLoaded_MatchesWhetherTheBuildPlacedTheLibraryBesideTheTests()
    {
        // dotnet build copies libengine_native.so here when cmake and a C compiler exist; otherwise it is absent.
        bool besideTests = File.Exists(Path.Combine(AppContext.BaseDirectory, "libengine_native.so"));

        Assert.Equal(besideTests && OperatingSystem.IsLinux(), NativeLibraryStatus.IsLoaded);
    }

    [Fact]
    public void NativeCalls_WorkWhenLoaded_AndOtherwiseFailNamingTheReason()
    {
        int cpu = Environment.ProcessorCount - 1;
        bool pinned = false;
        string? error = null;
        int ranOn = -1;
        var thread = new Thread(() =>
        {
            pinned = ThreadAffinity.TryPinCurrentThread(cpu, out error);
            ranOn = Thread.GetCurrentProcessorId();
        });
        thread.Start();
        thread.Join();

        if (NativeLibraryStatus.IsLoaded)
        {
            Assert.Equal(NativeMethods.ExpectedAbiVersion, NativeMethods.AbiVersion());
            Assert.True(pinned, error);
            Assert.Equal(cpu, ranOn); // sched_setaffinity took effect: the thread can run nowhere else
        }
        else
        {
            Assert.False(pinned);
            Assert.Contains(NativeLibraryStatus.UnavailableReason!, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Diagnose_NamesEachCauseOfAnUnusableLibrary()
    {
        Assert.Contains("Linux only", NativeLibraryStatus.Diagnose(isLinux: false, loaded: false, () => 0), StringComparison.Ordinal);
        Assert.Contains("not found in", NativeLibraryStatus.Diagnose(isLinux: true, loaded: false, () => 0), StringComparison.Ordinal);
        Assert.Contains(
            $"ABI version 999, this Engine.Core expects {NativeMethods.ExpectedAbiVersion}",
            NativeLibraryStatus.Diagnose(isLinux: true, loaded: true, () => 999),
            StringComparison.Ordinal);
        Assert.Contains(
            "not the engine's native library: en_abi_version",
            NativeLibraryStatus.Diagnose(isLinux: true, loaded: true, () => throw new EntryPointNotFoundException("en_abi_version")),
            StringComparison.Ordinal);
        Assert.Null(NativeLibraryStatus.Diagnose(isLinux: true, loaded: true, () => NativeMethods.ExpectedAbiVersion));
    }

    [Fact]
    public void StartupNotice_NamesTheClockSourceAndAnyDegradation()
    {
        string notice = NativeLibraryStatus.StartupNotice;

        Assert.Contains(Engine.Timing.EngineClock.Source, notice, StringComparison.Ordinal);
        Assert.Equal(!NativeLibraryStatus.IsLoaded, notice.Contains("without thread pinning", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteStartupNoticeOnce_CalledTwice_WritesAtMostOneLine()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        NativeLibraryStatus.WriteStartupNoticeOnce(first);
        bool wroteAgain = NativeLibraryStatus.WriteStartupNoticeOnce(second);

        Assert.False(wroteAgain);
        Assert.Equal(string.Empty, second.ToString());
        Assert.True(first.ToString().Length == 0 || first.ToString() == NativeLibraryStatus.StartupNotice + Environment.NewLine);
    }
}
