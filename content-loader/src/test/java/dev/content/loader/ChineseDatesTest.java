package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.loader.internal.ChineseDates;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseDatesTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "2025年9月27日 上午7:19, 2025-09-27T07:19",
      "2025年9月27日 上午12:08, 2025-09-27T00:08",
      "2025年9月27日 下午12:30, 2025-09-27T12:30",
      "2025年9月27日 下午1:05, 2025-09-27T13:05",
      "2025年9月27日 中午12:10, 2025-09-27T12:10",
      "2025年9月27日 中午1:10, 2025-09-27T13:10",
      "2025年9月27日 凌晨12:30, 2025-09-27T00:30",
      "2025年9月27日 凌晨3:30, 2025-09-27T03:30",
      "2025年9月27日 晚上11:59, 2025-09-27T23:59",
      "2025年9月27日 晚上12:15, 2025-09-28T00:15",
      "2025年9月27日 傍晚6:00, 2025-09-27T18:00",
      "２０２５年９月２７日 下午３：０５, 2025-09-27T15:05",
      "2025年9月27日 19:07, 2025-09-27T19:07",
      "2025-09-27 07:19, 2025-09-27T07:19",
      "2025/9/27 上午7:19, 2025-09-27T07:19",
      "2025年 9月 27日 上午 7:19, 2025-09-27T07:19",
  })
  void parsesTwelveHourChineseTimes(String text, LocalDateTime expected) throws Exception {
    assertThat(ChineseDates.parse(text).orElseThrow().atTimeOrStartOfDay()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is the date {1}")
  @CsvSource({"2025年10月6日, 2025-10-06", "２０２５年１０月６日, 2025-10-06", "2024年2月29日, 2024-02-29"})
  void parsesDateOnlyListingDates(String text, LocalDate expected) throws Exception {
    var parsed = ChineseDates.parse(text).orElseThrow();
    assertThat(parsed.date()).isEqualTo(expected);
    assertThat(parsed.time()).isEmpty();
  }

  @ParameterizedTest(name = "{0} is not a date")
  @CsvSource({"昨天晚上", "网贷逾期了如何防止爆通讯录", "2025年9月27日 上午7:19 之后"})
  void ignoresTextThatIsNotADate(String text) throws Exception {
    assertThat(ChineseDates.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "2025年13月1日 | invalid date 2025年13月1日: Invalid value for MonthOfYear (valid values 1 - 12): 13",
      "2023年2月29日 | invalid date 2023年2月29日: Invalid date 'February 29' as '2023' is not a leap year",
      "2025年9月27日 上午13:00 | invalid hour 13 for 上午 (12-hour clock) in 2025年9月27日 上午13:00",
      "2025年9月27日 上午0:10 | invalid hour 0 for 上午 (12-hour clock) in 2025年9月27日 上午0:10",
      "2025年9月27日 25:00 | invalid hour 25 in 2025年9月27日 25:00",
      "2025年9月27日 上午7:61 | invalid minute 61 in 2025年9月27日 上午7:61",
  })
  void rejectsOutOfRangeFieldsWithAReason(String text, String message) {
    assertThatThrownBy(() -> ChineseDates.parse(text)).hasMessage(message);
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
      "2025-09-27T07:19, 2025年9月27日 上午7:19",
      "2025-09-27T00:08, 2025年9月27日 上午12:08",
      "2025-09-27T12:30, 2025年9月27日 下午12:30",
      "2025-09-27T23:05, 2025年9月27日 下午11:05",
  })
  void writesTimesAsTheSiteDoes(LocalDateTime time, String expected) throws Exception {
    assertThat(ChineseDates.format(time)).isEqualTo(expected);
    assertThat(ChineseDates.parse(expected).orElseThrow().atTimeOrStartOfDay()).isEqualTo(time);
  }
}
