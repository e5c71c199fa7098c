package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MultiRowTest {
    @Property
    void chunksAreTheRowsInOrderInPowersOfTwoOfAtMostTheMaximum(@ForAll @IntRange(max = 3000) int count) {
        List<Integer> rows = IntStream.range(0, count).boxed().toList();

        List<List<Integer>> chunks = MultiRow.chunks(rows);

        List<Integer> joined = new ArrayList<>();
        chunks.forEach(joined::addAll);
        assertThat(joined).isEqualTo(rows);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c).isNotEmpty();
            assertThat(Integer.bitCount(c.size())).as("a power of two: %d", c.size()).isEqualTo(1);
            assertThat(c.size()).isLessThanOrEqualTo(MultiRow.MAX_ROWS);
        });
        assertThat(chunks.stream().mapToInt(List::size).distinct().count()).isLessThanOrEqualTo(9);
    }

    @Property
    void rowsAreMadeOneByOneAndSeparatedByCommas(@ForAll @IntRange(max = 50) int count) {
        String rows = MultiRow.rows(count, n -> "(" + n + ")");

        assertThat(rows).isEqualTo(String.join(", ", IntStream.range(0, count).mapToObj(n -> "(" + n + ")")
                .toList()));
    }
}
