package io.crimestream.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldTextTest {

  @ParameterizedTest
  @CsvSource({"True,true", "true,true", "TRUE,true", "False,false", "false,false", "FALSE,false", "1,true", "0,false"})
  void booleansInEveryCase(String text, boolean expected) throws Exception {
    assertThat(FieldText.bool(CrimeField.ARREST, text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"10,10", "10.0,10", "010,10", "' 7 ',7"})
  void integersAlsoWhenWrittenAsFloats(String text, int expected) throws Exception {
    assertThat(FieldText.integer(CrimeField.WARD, text)).isEqualTo(expected);
  }

  @Test
  void fractionalIntegerIsUnparseable() {
    assertThatThrownBy(() -> FieldText.integer(CrimeField.WARD, "10.5"))
        .isInstanceOfSatisfying(FieldValueException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE_VALUE))
        .hasMessage("ward '10.5' is not a whole number");
  }

  @ParameterizedTest
  @CsvSource({"486,0486", "0486,0486", "41a,041A", "143A,143A", "5,0005"})
  void iucrCodesGetTheirLeadingZerosBack(String text, String expected) throws Exception {
    assertThat(FieldText.iucr(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"925,0925", "0925,0925", "1022.0,1022"})
  void beatsAreFourDigits(String text, String expected) throws Exception {
    assertThat(FieldText.beat(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"6,06", "06,06", "08b,08B", "26,26"})
  void fbiCodesAreTwoDigitsAndALetter(String text, String expected) throws Exception {
    assertThat(FieldText.fbiCode(text)).isEqualTo(expected);
  }

  @Test
  void emptyTextIsMissing() throws Exception {
    assertThat(FieldText.text(CrimeField.BLOCK, "  ")).isNull();
    assertThat(FieldText.decimal(CrimeField.X_COORDINATE, "")).isNull();
    assertThat(FieldText.date(null)).isNull();
  }

  @Test
  void overlongTextIsRefusedWithoutEchoingIt() {
    String huge = "A".repeat(10_000);
    assertThatThrownBy(() -> FieldText.text(CrimeField.BLOCK, huge))
        .hasMessage("block is 10000 characters long, more than 256");
  }
}
