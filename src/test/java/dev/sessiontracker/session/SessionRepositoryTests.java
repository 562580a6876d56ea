package dev.sessiontracker.session;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.data.jpa.repository.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's queries stay SQL: a JPQL query, or one derived from a method's name, brings back the two HQL
 * parsers whose first parse took about a second of every start-up (see {@link SessionRepository}).
 */
class SessionRepositoryTests {

	@Test
	void everyQueryButTheLookupByIdIsNativeSql() {
		for (Method method : SessionRepository.class.getDeclaredMethods()) {
			if (method.getName().equals("findById")) {
				continue;   // EntityManager.find: no query to parse
			}
			Query query = method.getAnnotation(Query.class);
			assertThat(query).as(method.getName() + " declares its SQL").isNotNull();
			assertThat(query.nativeQuery()).as(method.getName() + " is native SQL").isTrue();
		}
	}

}
