package dev.twoway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The report's fixed text reads as prose: its lines were once joined with runs of spaces. */
class BenchReportTest {
    @Test
    void howEachFigureIsMeasuredHasNoRunOfSpacesInALine() {
        List<String> joined = BenchReport.HOW.lines().filter(l -> l.strip().contains("  ")).toList();
        assertEquals(List.of(), joined);
    }
}
