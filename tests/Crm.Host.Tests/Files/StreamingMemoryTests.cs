using System.Text;
using Crm.Abstractions.Files;
using Crm.Host.Files;

namespace Crm.Host.Tests.Files;

/// <summary>Managed-heap measurements need the process to themselves: other test classes allocate in parallel.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Imports and exports of hundreds of thousands of rows hold a row at a time, not the file.</summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class StreamingMemoryTests
{
    const long Allowance = 8 * 1024 * 1024;

    static readonly ITableFiles Files = new TableFiles();

    [Fact]
    public async Task A_300000_row_csv_is_read_without_holding_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-large-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                await writer.WriteAsync("客户编号,客户名称,手机,地址,备注\r\n");
                for (var i = 1; i <= 300_000; i++)
                    await writer.WriteAsync($"C{i:0000000},深圳市第{i}号科技有限公司,138{i:00000000},广东省深圳市南山区科技园{i % 97}号,\"第{i}位客户, 来访洽谈\"\r\n");
            }
            var size = new FileInfo(path).Length;
            Assert.True(size > 30_000_000, $"the file is only {size} bytes");

            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var peak = 0L;
            var count = 0;
            var last = 0;
            await using (var file = File.OpenRead(path))
            await using (var reader = await Files.OpenAsync(file, "客户.csv"))
            {
                await foreach (var row in reader.ReadRowsAsync())
                {
                    count++;
                    last = row.Number;
                    if (count % 50_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                    if (count == 123_456) Assert.Equal(["C0123456", "深圳市第123456号科技有限公司", "13800123456", "广东省深圳市南山区科技园72号", "第123456位客户, 来访洽谈"], row.Cells);
                }
            }

            Assert.Equal(300_000, count);
            Assert.Equal(300_001, last);
            Assert.True(peak < Allowance, $"the heap grew by {peak:N0} bytes while reading a {size:N0}-byte file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.Xlsx)]
    public async Task Writing_200000_rows_holds_a_row_at_a_time(TableFormat format)
    {
        var destination = new ResponseLikeStream();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        async IAsyncEnumerable<IReadOnlyList<string>> Generate()
        {
            for (var i = 1; i <= 200_000; i++)
            {
                if (i % 50_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                    await Task.Yield();
                }
                yield return [$"C{i:0000000}", $"深圳市第{i}号科技有限公司", $"138{i:00000000}", "广东省深圳市南山区科技园", $"第{i}位客户"];
            }
        }

        await Files.WriteAsync(destination, new TableWriteOptions(format), ["客户编号", "客户名称", "手机", "地址", "备注"], Generate());

        Assert.True(destination.Written > 2_000_000, $"only {destination.Written} bytes were written");
        Assert.True(peak < Allowance, $"the heap grew by {peak:N0} bytes while writing {destination.Written:N0} bytes");
    }
}
